import { types } from 'avsc';
import type { Tap } from './avsc-tap';

/**
 * Unwrapped unions read and write their null and string branches without a dynamic call, and
 * write records and ["null", logical] without avsc's search for the branch.
 *
 * Why: every union in avsc reads and writes through one `UnwrappedUnionType#_read`/`#_write`,
 * whose `branch._read(tap)` call site sees every type there is (strings, records, logical types),
 * so V8 can neither inline it nor cache it. A TaxOrder has 23 nullable fields, most of them
 * ["null", "string"], and that dispatch was 10-15% of an encode or a decode (CPU profile of
 * bench/avro.ts). Here the two commonest branches are recognised by their avsc method and called
 * directly: null is null and writes nothing, a string branch is the tap's readString/writeString.
 * Writing a nullable uuid or date, avsc looks the value's kind up by name and then loops over the
 * logical branches; with one logical branch beside null the answer is one _check away. Measured:
 * ~10% faster encodes and decodes, and another ~5% on encodes for the logical case. A record or
 * map value (an object, not an array or a Buffer: avsc's 'object' bucket) goes straight to its
 * branch too, rather than through avsc's _getIndex and getValueBucket (a TaxOrder's exemption).
 *
 * Identical results: the fast paths do exactly what avsc's methods do for those branches (see
 * NullType, StringType and UnwrappedUnionType#_getIndex in avsc's lib/types.js), and every other
 * case (other branches, values no branch or two branches take, bad indices) goes to avsc's own
 * method, from the same tap position. avsc-nullable-strings.spec.ts compares both on arbitrary
 * unions and values.
 */
interface Branch {
  _read(tap: Tap): unknown;
  _write(tap: Tap, value: unknown): void;
}

interface UnwrappedUnion {
  readonly types: readonly Branch[];
  /** avsc's private map from a value's bucket ('null', 'string', 'object'...) to its branch index. */
  readonly _bucketIndices: Record<string, number | undefined>;
  /** avsc's private list of logical branches, which it must try on every value; null if none. */
  readonly _dynamicBranches: DynamicBranch[] | null;
}

interface DynamicBranch {
  readonly index: number;
  readonly type: Branch & { _check(value: unknown): boolean } & Partial<WriteChecksValue>;
}

/**
 * What a logical type declares when its _write throws on every value its _check refuses, as
 * Tributary's decimal, date, timestamp-millis and uuid do (each runs the same parse in both).
 */
export interface WriteChecksValue {
  readonly writeChecksValue: true;
}

type UnionRead = (this: UnwrappedUnion, tap: Tap) => unknown;
type UnionWrite = (this: UnwrappedUnion, tap: Tap, value: unknown) => void;

const builtins = types as unknown as Record<'UnwrappedUnionType' | 'NullType' | 'StringType', { prototype: Branch }>;
const unionPrototype = builtins.UnwrappedUnionType.prototype as unknown as { _read: UnionRead; _write: UnionWrite };
const nullRead = builtins.NullType.prototype._read;
const stringRead = builtins.StringType.prototype._read;
const stringWrite = builtins.StringType.prototype._write;

/** avsc's own methods, the fallbacks and the reference for the spec. */
export const avscUnionRead: UnionRead = unionPrototype._read;
export const avscUnionWrite: UnionWrite = unionPrototype._write;

export function readUnion(this: UnwrappedUnion, tap: Tap): unknown {
  const start = tap.pos;
  // Indices 0 and 1, every nullable union's, are the varint bytes 0 and 2: read inline.
  const head = tap.buf[start];
  let branch: Branch | undefined;
  if (head === 0 || head === 2) {
    tap.pos = start + 1;
    branch = this.types[head >> 1];
  } else {
    branch = this.types[tap.readLong()];
  }
  if (branch !== undefined) {
    const read = branch._read;
    if (read === nullRead) return null;
    if (read === stringRead) return tap.readString();
    return branch._read(tap);
  }
  tap.pos = start;
  return avscUnionRead.call(this, tap); // throws avsc's 'invalid union index' error
}

export function writeUnion(this: UnwrappedUnion, tap: Tap, value: unknown): void {
  const dynamic = this._dynamicBranches;
  if (dynamic !== null) {
    if (dynamic.length === 1 && this.types.length === 2 && writeNullOrLogical(this, dynamic[0], tap, value)) return;
  } else {
    if (value === null) {
      const index = this._bucketIndices.null;
      if (index !== undefined) {
        writeIndex(tap, index);
        return;
      }
    } else if (typeof value === 'string') {
      const index = this._bucketIndices.string; // a string or an enum branch
      if (index !== undefined && this.types[index]._write === stringWrite) {
        writeIndex(tap, index);
        tap.writeString(value);
        return;
      }
    } else if (typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)) {
      const index = this._bucketIndices.object; // a record or a map branch
      if (index !== undefined) {
        writeIndex(tap, index);
        this.types[index]._write(tap, value);
        return;
      }
    }
  }
  avscUnionWrite.call(this, tap, value);
}

/**
 * ["null", logical] and [logical, "null"] (a nullable uuid, date, decimal...), as avsc's _getIndex
 * decides it without its bucket lookup and loop: null takes the null branch unless the logical
 * branch also claims it, and anything else takes the logical branch if it claims it. Whatever
 * else (no branch or both) is left to avsc, which throws its own error. Returns whether it wrote.
 */
function writeNullOrLogical(union: UnwrappedUnion, logical: DynamicBranch, tap: Tap, value: unknown): boolean {
  const nullIndex = union._bucketIndices.null;
  if (nullIndex === undefined) return false;
  if (value !== null && logical.type.writeChecksValue === true) return writeUnchecked(logical, tap, value);
  const claims = logical.type._check(value);
  if (value === null) {
    if (claims) return false;
    writeIndex(tap, nullIndex);
  } else {
    if (!claims) return false;
    writeIndex(tap, logical.index);
    logical.type._write(tap, value);
  }
  return true;
}

/**
 * A value for a branch that checks what it writes, written without asking _check first: for a
 * nullable uuid or date that was the same parse twice. A write that throws is undone and left to
 * avsc, which throws what it would have: its invalid-value error if the branch refuses the value,
 * or else the branch's own error again.
 */
function writeUnchecked(logical: DynamicBranch, tap: Tap, value: unknown): boolean {
  const start = tap.pos;
  try {
    writeIndex(tap, logical.index);
    logical.type._write(tap, value);
    return true;
  } catch {
    tap.pos = start;
    return false;
  }
}

/** A branch index as writeLong writes it, inline for the one-byte ones (0 to 63). */
function writeIndex(tap: Tap, index: number): void {
  if (index < 64) tap.buf[tap.pos++] = index << 1;
  else tap.writeLong(index);
}

let installed = false;

/** Puts the fast paths on avsc's UnwrappedUnionType; idempotent. parseAvroSchema's module calls it. */
export function installNullableStrings(): void {
  if (installed) return;
  installed = true;
  unionPrototype._read = readUnion;
  unionPrototype._write = writeUnion;
}
