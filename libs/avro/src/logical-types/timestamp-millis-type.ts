import { Type, types } from 'avsc';
import { describeValue } from './describe-value';
import type { WriteChecksValue } from '../avsc-nullable-strings';

type Schema = ConstructorParameters<typeof types.LogicalType>[0];

interface LongTap {
  readLong(): number;
  writeLong(n: number): void;
}

interface LongReader {
  _read(tap: LongTap): number;
}

/**
 * Avro `timestamp-millis` on `long` (milliseconds since 1970-01-01T00:00:00Z) as a JS `Date`,
 * which is the same thing: an instant with millisecond resolution. Writing takes a valid Date
 * only; an Invalid Date is refused rather than written as NaN.
 */
export class TimestampMillisType extends types.LogicalType implements WriteChecksValue {
  /** _write throws on every value _check refuses, so a nullable timestamp is written without a check first. */
  readonly writeChecksValue = true;

  private readonly long: LongReader;

  constructor(schema: Schema, options?: unknown) {
    super(schema, options);
    if (!Type.isType(this.underlyingType, 'long')) {
      throw new Error(`timestamp-millis must be on long, not ${this.underlyingType.typeName}`);
    }
    this.long = this.underlyingType as unknown as LongReader;
  }

  // Past avsc's LogicalType#_read and #_write, which reach the underlying type through a getter
  // from one call site shared by every logical type. Reads keep avsc's LongType check (it refuses
  // longs beyond 2^53); writes go straight to writeLong, which is all LongType#_write does with
  // what _toValue returns (the integer milliseconds of a valid Date, within +-8.64e15).
  _read(tap: LongTap): Date {
    return new Date(this.long._read(tap));
  }

  _write(tap: LongTap, value: unknown): void {
    tap.writeLong(this._toValue(value));
  }

  protected override _fromValue(millis: number): Date {
    return new Date(millis);
  }

  protected override _toValue(value: unknown): number {
    const millis = value instanceof Date ? value.getTime() : NaN;
    if (Number.isNaN(millis)) throw new TypeError(`timestamp-millis needs a valid Date, got ${describeValue(value)}`);
    return millis;
  }

  /** Never throws: avsc calls it on every logical branch of a union to pick one (see DecimalType._check). */
  _check(value: unknown, _flags?: unknown, hook?: (value: unknown, type: unknown) => void): boolean {
    const valid = value instanceof Date && !Number.isNaN(value.getTime());
    if (!valid && hook) hook(value, this);
    return valid;
  }

  /** Reads another timestamp-millis as is, and a plain long or int as milliseconds since the epoch. */
  protected override _resolve(writer: Type): ((value: unknown) => unknown) | undefined {
    if (writer instanceof TimestampMillisType) return (value) => value;
    if (Type.isType(writer, 'long', 'int')) return (value) => new Date(value as number);
    return undefined;
  }
}
