import { Type, types } from 'avsc';
import type { Tap } from '../avsc-tap';
import { describeValue } from './describe-value';
import type { WriteChecksValue } from '../avsc-nullable-strings';

type Schema = ConstructorParameters<typeof types.LogicalType>[0];

/** For each char code below 128: the code of its hex digit in lower case, or 0 if it is not a hex digit. */
const LOWER_HEX = new Uint8Array(128);
for (const c of '0123456789abcdef') LOWER_HEX[c.charCodeAt(0)] = LOWER_HEX[c.toUpperCase().charCodeAt(0)] = c.charCodeAt(0);

/**
 * Whether `text` is a UUID in RFC 4122 text form, either case: what
 * /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i accepts (logical-types.spec.ts
 * pins it to that RegExp). The RegExp showed as 2-4% of a TaxOrder's encode and decode (CPU
 * profile of bench/avro.ts), but checking char codes measured about as fast (~105 ns a check
 * either way on the shared 2-core machine; a naive loop over the 36 chars was 30% slower):
 * V8 compiles such a RegExp to machine code, and charCodeAt costs ~3 ns a char here.
 */
export function isUuidText(text: unknown): text is string {
  if (typeof text !== 'string' || text.length !== 36) return false;
  if (text.charCodeAt(8) !== 45 || text.charCodeAt(13) !== 45 || text.charCodeAt(18) !== 45 || text.charCodeAt(23) !== 45) return false;
  return hexDigits(text, 0, 8) && hexDigits(text, 9, 13) && hexDigits(text, 14, 18) && hexDigits(text, 19, 23) && hexDigits(text, 24, 36);
}

/**
 * Writes the 36 chars of `text` lower-cased at target[start] if they are a UUID, as isUuidText
 * decides; returns false (having written some of them) if they are not.
 */
function writeLowerUuid(text: string, target: Uint8Array, start: number): boolean {
  if (text.charCodeAt(8) !== 45 || text.charCodeAt(13) !== 45 || text.charCodeAt(18) !== 45 || text.charCodeAt(23) !== 45) return false;
  target[start + 8] = target[start + 13] = target[start + 18] = target[start + 23] = 45;
  return (
    writeLowerHex(text, 0, 8, target, start) &&
    writeLowerHex(text, 9, 13, target, start) &&
    writeLowerHex(text, 14, 18, target, start) &&
    writeLowerHex(text, 19, 23, target, start) &&
    writeLowerHex(text, 24, 36, target, start)
  );
}

function writeLowerHex(text: string, from: number, to: number, target: Uint8Array, start: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const lower = code < 128 ? LOWER_HEX[code] : 0;
    if (lower === 0) return false;
    target[start + i] = lower;
  }
  return true;
}

/** Reusable arguments for fromCharCode.apply (see ascii-text.ts). */
const UUID_CODES = new Array<number>(36).fill(0);

/** The UUID text of the 36 bytes at bytes[start], either case as written, or undefined if they are not one. */
function uuidTextAt(bytes: Uint8Array, start: number): string | undefined {
  for (let i = 0; i < 36; i++) {
    const code = bytes[start + i];
    if (i === 8 || i === 13 || i === 18 || i === 23 ? code !== 45 : code > 127 || LOWER_HEX[code] === 0) return undefined;
    UUID_CODES[i] = code;
  }
  return String.fromCharCode.apply(null, UUID_CODES); // as in ascii-text.ts: apply measured faster than a spread
}

function hexDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code > 127 || LOWER_HEX[code] === 0) return false;
  }
  return true;
}

/**
 * Avro `uuid` on `string`: the RFC 4122 text form. Both ways are checked, so a `uuid` field
 * always holds one; writing lower-cases it (RFC 4122 section 3: output in lower case, accept either).
 */
export class UuidType extends types.LogicalType implements WriteChecksValue {
  /** _write throws on every value _check refuses, so a nullable uuid is written without a check first. */
  readonly writeChecksValue = true;

  constructor(schema: Schema, options?: unknown) {
    super(schema, options);
    if (!Type.isType(this.underlyingType, 'string')) {
      throw new Error(`uuid must be on string, not ${this.underlyingType.typeName}`);
    }
  }

  // Straight to the tap: avsc's LogicalType#_read and #_write reach the underlying string type
  // through a getter, from one call site shared by every logical type. Same calls in the end:
  // avsc's StringType reads with readString, and writes a string (which _toValue always returns)
  // with writeString.
  //
  // A UUID's 36 bytes (after their length, 72) are checked and turned into text in one pass,
  // where readString and isUuidText took two; anything else goes that long way, which returns
  // the same text or throws _fromValue's error (uuid-type.spec.ts compares both on any bytes).
  _read(tap: Tap): string {
    const buf = tap.buf;
    const pos = tap.pos;
    if (buf[pos] === 72 && pos + 37 <= buf.length) {
      const text = uuidTextAt(buf, pos + 1);
      if (text !== undefined) {
        tap.pos = pos + 37;
        return text;
      }
    }
    return this._fromValue(tap.readString());
  }

  // One pass over the text checks it, lower-cases it and writes it: what isUuidText, toLowerCase
  // and writeString did in three (a UUID's text is 36 ASCII bytes, written after the varint of
  // its length, 72). Anything else, and a tap without room, go that long way, which throws
  // _toValue's error or leaves the tap past its end as avsc's writeString does
  // (uuid-type.spec.ts compares both on arbitrary values).
  _write(tap: Tap, value: unknown): void {
    const buf = tap.buf;
    const pos = tap.pos;
    if (typeof value === 'string' && value.length === 36 && pos + 37 <= buf.length && writeLowerUuid(value, buf, pos + 1)) {
      buf[pos] = 72;
      tap.pos = pos + 37;
      return;
    }
    tap.writeString(this._toValue(value));
  }

  protected override _fromValue(text: string | undefined): string {
    if (!isUuidText(text)) throw new TypeError(`uuid field holds ${describeValue(text)}, which is not a UUID`);
    return text;
  }

  protected override _toValue(value: unknown): string {
    if (!isUuidText(value)) {
      throw new TypeError(`uuid needs a UUID string, got ${describeValue(value)}`);
    }
    return value.toLowerCase();
  }

  /** Never throws: avsc calls it on every logical branch of a union to pick one (see DecimalType._check). */
  _check(value: unknown, _flags?: unknown, hook?: (value: unknown, type: unknown) => void): boolean {
    const valid = isUuidText(value);
    if (!valid && hook) hook(value, this);
    return valid;
  }

  /** Reads another uuid as is, and a plain string only if it is a UUID. */
  protected override _resolve(writer: Type): ((value: unknown) => unknown) | undefined {
    if (writer instanceof UuidType) return (value) => value;
    if (Type.isType(writer, 'string')) return (value) => this._fromValue(value as string | undefined);
    return undefined;
  }
}
