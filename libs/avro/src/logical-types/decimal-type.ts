import { Type, types } from 'avsc';
import {
  DecimalText,
  DecimalRangeError,
  bytesToUnscaled,
  formatDecimal,
  parseDecimal,
  signExtend,
  unscaledByteLength,
  unscaledToBytes,
  writeUnscaled,
} from './decimal-text';
import type { Tap } from '../avsc-tap';
import { describeValue } from './describe-value';
import type { WriteChecksValue } from '../avsc-nullable-strings';

type Schema = ConstructorParameters<typeof types.LogicalType>[0];

/**
 * Avro `decimal` on `bytes` or `fixed`, read and written as exact text ('1234.5000').
 *
 * Why text and not a number: a double cannot hold 0.1 or most cent amounts, and at precision 18
 * it cannot hold the integers either, so a number would lose cents on the way through. Why text
 * and not a bigint-backed class: records also travel as JSON (error payloads, the REST API,
 * websockets, logs) and JSON.stringify throws on bigint; text is exact, prints as itself, sorts
 * within a scale, and Postgres NUMERIC and Mongo Decimal128 both take it as is.
 *
 * Reading always yields exactly `scale` fraction digits, so equal amounts are equal strings.
 * Writing takes text (or a finite number, through its shortest round-trip text) with at most
 * `scale` fraction digits and at most `precision` digits; anything else is refused, never rounded.
 */
export class DecimalType extends types.LogicalType implements WriteChecksValue {
  /** _write throws on every value _check refuses, so a nullable decimal is written without a check first. */
  readonly writeChecksValue = true;

  readonly precision: number;
  readonly scale: number;
  private readonly fixedSize: number | undefined;

  constructor(schema: Schema, options?: unknown) {
    super(schema, options);
    const { precision, scale = 0 } = schema as { precision?: unknown; scale?: unknown };
    if (typeof precision !== 'number' || !Number.isInteger(precision) || precision < 1) {
      throw new Error(`decimal precision must be a positive integer, got ${JSON.stringify(precision)}`);
    }
    if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0 || scale > precision) {
      throw new Error(`decimal scale must be an integer from 0 to the precision (${precision}), got ${JSON.stringify(scale)}`);
    }
    const underlying = this.underlyingType;
    if (Type.isType(underlying, 'fixed')) {
      const size = (underlying as types.FixedType).size;
      const maxPrecision = Math.floor(Math.log10(2) * (8 * size - 1));
      if (precision > maxPrecision) {
        throw new Error(`decimal precision ${precision} does not fit in fixed(${size}) (at most ${maxPrecision})`);
      }
      this.fixedSize = size;
    } else if (!Type.isType(underlying, 'bytes')) {
      throw new Error(`decimal must be on bytes or fixed, not ${underlying.typeName}`);
    }
    this.precision = precision;
    this.scale = scale;
  }

  protected override _fromValue(bytes: Buffer): DecimalText {
    return formatDecimal(bytesToUnscaled(bytes), this.scale);
  }

  protected override _toValue(value: unknown): Buffer {
    const bytes = unscaledToBytes(this.unscaledOf(value));
    return this.fixedSize === undefined ? bytes : signExtend(bytes, this.fixedSize);
  }

  // The hot path on bytes: read and write the two's complement straight from and into avsc's
  // buffer. Going through _fromValue/_toValue costs a Buffer per decimal each way, which made
  // decimals the main cost of a TaxOrder (bench/avro.ts: 13 decimals in a 5-line order).
  _read(tap: Tap): DecimalText | undefined {
    if (this.fixedSize !== undefined) {
      const bytes = tap.readFixed(this.fixedSize);
      return bytes === undefined ? undefined : this._fromValue(bytes);
    }
    const length = tap.readLong();
    const start = tap.pos;
    tap.pos += length;
    if (length < 0 || tap.pos > tap.buf.length) {
      tap.pos = tap.buf.length + 1; // short or corrupt: decode reports it, as avsc's readBytes does
      return undefined;
    }
    return formatDecimal(bytesToUnscaled(tap.buf, start, tap.pos), this.scale);
  }

  _write(tap: Tap, value: unknown): void {
    const unscaled = this.unscaledOf(value);
    if (this.fixedSize !== undefined) {
      tap.writeFixed(signExtend(unscaledToBytes(unscaled), this.fixedSize), this.fixedSize);
      return;
    }
    if (typeof unscaled === 'bigint') {
      tap.writeBytes(unscaledToBytes(unscaled));
      return;
    }
    const length = unscaledByteLength(unscaled); // at most 7 for a safe integer: a one-byte varint
    const buf = tap.buf;
    const start = tap.pos + 1;
    buf[start - 1] = length << 1; // as writeLong writes it (a write past the end is dropped)
    tap.pos = start + length;
    if (tap.pos <= buf.length) writeUnscaled(unscaled, buf, start, length);
  }

  // avsc picks the branch of a union such as ["null", decimal] by calling _check on every
  // logical branch; its default calls _toValue and catches, and an exception per null field
  // cost more than the rest of the encode. These checks never throw on a wrong type.
  _check(value: unknown, _flags?: unknown, hook?: (value: unknown, type: unknown) => void): boolean {
    let valid = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    if (valid) {
      try {
        this.unscaledOf(value);
      } catch {
        valid = false;
      }
    }
    if (!valid && hook) hook(value, this);
    return valid;
  }

  private unscaledOf(value: unknown): number | bigint {
    let text: string;
    if (typeof value === 'string') text = value;
    else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
    else throw new DecimalRangeError(`decimal(${this.precision},${this.scale}) needs a decimal string, got ${describeValue(value)}`);
    try {
      return parseDecimal(text, this.precision, this.scale);
    } catch (error) {
      throw new DecimalRangeError(`decimal(${this.precision},${this.scale}): ${(error as Error).message}`);
    }
  }

  /**
   * The spec matches decimals for resolution only when precision and scale are equal. We also
   * let a reader widen the precision at the same scale (every value still fits); a change of
   * scale would silently multiply amounts by a power of ten, so it is refused.
   */
  protected override _resolve(writer: Type): ((value: unknown) => unknown) | undefined {
    if (writer instanceof DecimalType && writer.scale === this.scale && writer.precision <= this.precision) {
      return (value) => value;
    }
    return undefined;
  }

  protected override _export(schema: Schema): void {
    Object.assign(schema, { precision: this.precision, scale: this.scale });
  }
}
