import { types } from 'avsc';
import type { Tap } from './avsc-tap';

/**
 * Arrays and maps whose reads cannot be made to loop for ever by a lying block count.
 *
 * Avro writes arrays and maps as blocks, each opened by an item count (a varint up to 2^63).
 * avsc trusts the count: a corrupt or hostile frame announcing 2^40 map entries or 10^9 records
 * in a 60-byte frame loops until the process runs out of time or memory. Every map entry and
 * every array item of a sane schema takes at least one byte, so a count larger than the bytes
 * left cannot be honest: maps refuse it outright, arrays stop as soon as a read runs past the
 * end. The one honest exception, arrays of zero-byte items (null, empty records), is allowed
 * up to ZERO_BYTE_ITEMS_PER_BLOCK per block.
 *
 * These override avsc's private `_read` (installed through the documented `typeHook`); avsc
 * also uses it for schema resolution, with `this` bound to the resolver, so both paths are covered.
 */
const ZERO_BYTE_ITEMS_PER_BLOCK = 1 << 16;

interface Reader {
  _read(tap: Tap): unknown;
}

function readBlockCount(tap: Tap): number {
  let n = tap.readLong();
  if (n < 0) {
    n = -n;
    tap.skipLong(); // a negative count is followed by the block's size in bytes
  }
  return n;
}

export class BoundedArrayType extends types.ArrayType {
  _read(tap: Tap): unknown[] {
    const items = this.itemsType as unknown as Reader;
    let value: unknown[] | undefined;
    let i = 0;
    let n: number;
    while ((n = readBlockCount(tap))) {
      const left = tap.buf.length - tap.pos;
      if (n > left && n > ZERO_BYTE_ITEMS_PER_BLOCK) {
        throw new Error(`an array block announces ${n} items with ${left} bytes left`);
      }
      value ??= new Array(n); // sizing on the first block is ~10% faster (avsc #338)
      while (n--) {
        value[i++] = items._read(tap);
        if (tap.pos > tap.buf.length) return value; // ran past the end: decode reports a short frame
      }
    }
    return value ?? [];
  }
}

export class BoundedMapType extends types.MapType {
  _read(tap: Tap): Record<string, unknown> {
    const values = this.valuesType as unknown as Reader;
    const value: Record<string, unknown> = {};
    let n: number;
    while ((n = readBlockCount(tap))) {
      const left = tap.buf.length - tap.pos;
      if (n > left) throw new Error(`a map block announces ${n} entries with ${left} bytes left`);
      while (n--) {
        const key = tap.readString();
        if (key === undefined) return value; // ran past the end: decode reports a short frame
        const entry = values._read(tap);
        // A plain assignment to '__proto__' would set the object's prototype instead of an entry.
        if (key === '__proto__') Object.defineProperty(value, key, { value: entry, enumerable: true, writable: true, configurable: true });
        else value[key] = entry;
      }
    }
    return value;
  }
}

/** avsc typeHook: every array and map in a parsed schema gets the bounded readers above. */
export function boundedCollections(schema: unknown, options: unknown): types.ArrayType | types.MapType | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const kind = (schema as { type?: unknown }).type;
  if (kind === 'array') return new BoundedArrayType(schema as never, options);
  if (kind === 'map') return new BoundedMapType(schema as never, options);
  return undefined;
}
