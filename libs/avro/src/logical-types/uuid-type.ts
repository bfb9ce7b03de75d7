import { Type, types } from 'avsc';
import type { Tap } from '../avsc-tap';
import { describeValue } from './describe-value';

type Schema = ConstructorParameters<typeof types.LogicalType>[0];

/** 1 for the char codes of hex digits, either case. */
const HEX = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

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

function hexDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code > 127 || HEX[code] === 0) return false;
  }
  return true;
}

/**
 * Avro `uuid` on `string`: the RFC 4122 text form. Both ways are checked, so a `uuid` field
 * always holds one; writing lower-cases it (RFC 4122 section 3: output in lower case, accept either).
 */
export class UuidType extends types.LogicalType {
  constructor(schema: Schema, options?: unknown) {
    super(schema, options);
    if (!Type.isType(this.underlyingType, 'string')) {
      throw new Error(`uuid must be on string, not ${this.underlyingType.typeName}`);
    }
  }

  // Straight to the tap: avsc's LogicalType#_read and #_write reach the underlying string type
  // through a getter, from one call site shared by every logical type. Same calls in the end:
  // avsc's StringType reads with readString, and writes a string (which _toValue always returns).
  _read(tap: Tap): string {
    return this._fromValue(tap.readString());
  }

  _write(tap: Tap, value: unknown): void {
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
