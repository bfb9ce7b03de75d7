import { Type, types } from 'avsc';
import { describeValue } from './describe-value';

type Schema = ConstructorParameters<typeof types.LogicalType>[0];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  protected override _fromValue(text: string): string {
    if (!UUID.test(text)) throw new TypeError(`uuid field holds ${describeValue(text)}, which is not a UUID`);
    return text;
  }

  protected override _toValue(value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new TypeError(`uuid needs a UUID string, got ${describeValue(value)}`);
    }
    return value.toLowerCase();
  }

  /** Never throws: avsc calls it on every logical branch of a union to pick one (see DecimalType._check). */
  _check(value: unknown, _flags?: unknown, hook?: (value: unknown, type: unknown) => void): boolean {
    const valid = typeof value === 'string' && UUID.test(value);
    if (!valid && hook) hook(value, this);
    return valid;
  }

  /** Reads another uuid as is, and a plain string only if it is a UUID. */
  protected override _resolve(writer: Type): ((value: unknown) => unknown) | undefined {
    if (writer instanceof UuidType) return (value) => value;
    if (Type.isType(writer, 'string')) return (value) => this._fromValue(value as string);
    return undefined;
  }
}
