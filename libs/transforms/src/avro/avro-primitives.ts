// Avro primitive and logical types as coercion targets. Logical types keep their Avro wire
// values: decimal as a number rounded to its scale, date as days since the epoch,
// timestamp-millis as epoch milliseconds (text in ISO-8601 is accepted and converted).
import { CoercionFailure, decimalConverter, decimalFits, toBoolean, toEpochDays, toEpochMillis, toFloating, toInteger, toText } from '../coercion/coerce-value';
import { describeValue } from '../expression/values';
import type { FieldType } from '../field-set';
import { compileDatePattern } from '../time/date-pattern';
import { timeZoneOf } from '../time/time-zone';
import type { AvroType } from './avro-type';

const ISO = compileDatePattern('iso');
const UTC = timeZoneOf('UTC')!;
const TIME_TEXT = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

function simple(label: string, fieldType: FieldType, accepts: (v: unknown) => boolean, convert: (v: unknown) => unknown, passesTypeof?: 'string' | 'boolean'): AvroType {
  return {
    label,
    fieldType,
    nullable: false,
    passesTypeof,
    leaf: true,
    accepts,
    coerce(v, trail) {
      if (accepts(v)) return v;
      const out = convert(v);
      return out instanceof CoercionFailure ? trail.fail(out.message) : out;
    },
  };
}

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;
const isLong = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isBytes = (v: unknown) => v instanceof Uint8Array;

function timeOfDay(v: unknown, unit: number): unknown {
  const m = typeof v === 'string' ? TIME_TEXT.exec(v.trim()) : null;
  if (m === null) return new CoercionFailure(`expected a time of day, got ${describeValue(v)}`);
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return new CoercionFailure(`expected a time of day, got ${describeValue(v)}`);
  return (h * 3_600_000 + min * 60_000 + s * 1000 + Number((m[4] ?? '0').padEnd(3, '0'))) * unit;
}

const PRIMITIVES: Record<string, AvroType> = {
  null: simple('null', 'null', (v) => v === null, (v) => new CoercionFailure(`expected null, got ${describeValue(v)}`)),
  boolean: simple('boolean', 'boolean', (v) => typeof v === 'boolean', toBoolean, 'boolean'),
  int: simple('int', 'int', isInt, (v) => toInteger(v, 'int')),
  long: simple('long', 'long', isLong, (v) => toInteger(v, 'long')),
  float: simple('float', 'float', isNumber, (v) => toFloating(v, 'float')),
  double: simple('double', 'double', isNumber, (v) => toFloating(v, 'double')),
  bytes: simple('bytes', 'bytes', isBytes, (v) => new CoercionFailure(`expected bytes, got ${describeValue(v)}`)),
  string: simple('string', 'string', (v) => typeof v === 'string', toText, 'string'),
};

export function primitiveType(name: string): AvroType | undefined {
  return Object.prototype.hasOwnProperty.call(PRIMITIVES, name) ? PRIMITIVES[name] : undefined;
}

/** The logical type over a primitive, or undefined to use the primitive (as the spec says for unknown logical types). */
export function logicalType(logical: string, base: string, props: Record<string, unknown>): AvroType | undefined {
  if (logical === 'decimal' && (base === 'bytes' || base === 'fixed')) {
    const scale = typeof props.scale === 'number' ? props.scale : 0;
    const precision = typeof props.precision === 'number' ? props.precision : undefined;
    return simple(`decimal(${precision ?? ''},${scale})`, 'decimal', decimalFits(scale, precision), decimalConverter(scale, precision));
  }
  if (logical === 'date' && base === 'int') return simple('date', 'date', isInt, (v) => toEpochDays(v, ISO, UTC));
  if ((logical === 'timestamp-millis' || logical === 'local-timestamp-millis') && base === 'long') {
    return simple(logical, 'timestamp', isLong, (v) => toEpochMillis(v, ISO, UTC));
  }
  if ((logical === 'timestamp-micros' || logical === 'local-timestamp-micros') && base === 'long') {
    return simple(logical, 'timestamp', isLong, (v) => {
      if (typeof v === 'number') return toInteger(v, 'long');
      const ms = toEpochMillis(v, ISO, UTC);
      return ms instanceof CoercionFailure ? ms : ms * 1000;
    });
  }
  if (logical === 'time-millis' && base === 'int') return simple('time-millis', 'int', (v) => isInt(v) && (v as number) >= 0 && (v as number) < 86_400_000, (v) => timeOfDay(v, 1));
  if (logical === 'time-micros' && base === 'long') return simple('time-micros', 'long', (v) => isLong(v) && (v as number) >= 0 && (v as number) < 86_400_000_000, (v) => timeOfDay(v, 1000));
  return undefined;
}
