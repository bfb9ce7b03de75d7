import { Type, types } from 'avsc';
import { describeValue } from './describe-value';

type Schema = ConstructorParameters<typeof types.LogicalType>[0];

/**
 * Whether `text` is a UUID in RFC 4122 text form, either case: what
 * /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i accepts. Checked by char code
 * because that RegExp, run on every read and twice on every write, was 2-4% of a TaxOrder's
 * encode and decode (CPU profile of bench/avro.ts); logical-types.spec.ts pins it to the RegExp.
 */
export function isUuidText(text: unknown): text is string {
  if (typeof text !== 'string' || text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const code = text.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (code !== 45 /* - */) return false;
    } else if (!(code >= 48 && code <= 57) /* 0-9 */) {
      const lower = code | 32; // 'A'-'F' to 'a'-'f'; no other char lands in 'a'-'f'
      if (lower < 97 || lower > 102) return false;
    }
  }
  return true;
}

interface StringTap {
  readString(): string | undefined;
  writeString(s: string): void;
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
  _read(tap: StringTap): string {
    return this._fromValue(tap.readString());
  }

  _write(tap: StringTap, value: unknown): void {
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
