import { Type, types } from 'avsc';
import { describeValue } from './describe-value';
import type { WriteChecksValue } from '../avsc-nullable-strings';

type Schema = ConstructorParameters<typeof types.LogicalType>[0];

/** A calendar date, 'YYYY-MM-DD' (ISO 8601, years 0000 to 9999). */
export type DateText = string;

interface IntTap {
  readInt(): number;
  writeInt(n: number): void;
}

/**
 * Avro `date` on `int` (days since 1970-01-01) as 'YYYY-MM-DD' text.
 *
 * Why text and not a JS Date: an order date is a day on a calendar, not an instant. A Date is an
 * instant, and turning it back into a day depends on the reader's time zone, which is how
 * orders dated the 1st get taxed at the rates of the 31st. The text has no zone to get wrong.
 */
export class DateType extends types.LogicalType implements WriteChecksValue {
  /** _write throws on every value _check refuses, so a nullable date is written without a check first. */
  readonly writeChecksValue = true;

  constructor(schema: Schema, options?: unknown) {
    super(schema, options);
    if (!Type.isType(this.underlyingType, 'int')) {
      throw new Error(`date must be on int, not ${this.underlyingType.typeName}`);
    }
  }

  // Straight to the tap: avsc's LogicalType#_read and #_write reach the underlying int type
  // through a getter, from one call site shared by every logical type. Same calls in the end:
  // avsc's IntType reads with readInt, and writes any int (_toValue returns days of years
  // 0000-9999, always ints) with writeInt.
  _read(tap: IntTap): DateText {
    return dateFromDays(tap.readInt());
  }

  _write(tap: IntTap, value: unknown): void {
    tap.writeInt(this._toValue(value));
  }

  protected override _fromValue(days: number): DateText {
    return dateFromDays(days);
  }

  protected override _toValue(value: unknown): number {
    const days = daysOfText(value);
    if (Number.isNaN(days)) {
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) throw new RangeError(`date ${value} is not a day of the calendar`);
      throw new TypeError(`date needs 'YYYY-MM-DD' text, got ${describeValue(value)}`);
    }
    return days;
  }

  /** Never throws: avsc calls it on every logical branch of a union to pick one (see DecimalType._check). */
  _check(value: unknown, _flags?: unknown, hook?: (value: unknown, type: unknown) => void): boolean {
    const valid = !Number.isNaN(daysOfText(value));
    if (!valid && hook) hook(value, this);
    return valid;
  }

  /** Reads another date as is, and a plain int as days since the epoch. */
  protected override _resolve(writer: Type): ((value: unknown) => unknown) | undefined {
    if (writer instanceof DateType) return (value) => value;
    if (Type.isType(writer, 'int')) return (value) => dateFromDays(value as number);
    return undefined;
  }
}

/** Days since 1970-01-01 of 'YYYY-MM-DD' text, NaN if it is not such text or not a calendar day. */
function daysOfText(value: unknown): number {
  // Parsed by hand: a RegExp and a check through dateFromDays made dates a quarter of encode time.
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return NaN;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 7);
  const day = digitsAt(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromDate(year, month, day);
}

/** The number written by value[start..end) in decimal digits, or -1 if any is not a digit. */
function digitsAt(value: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

// Proleptic Gregorian day arithmetic (H. Hinnant, "chrono-compatible low-level date algorithms"):
// exact integer maths, no Date object, no time zone.
export function daysFromDate(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function dateFromDays(days: number): DateText {
  const z = days + 719468;
  // From 0000-03-01 on, z is a non-negative integer and every quotient below is its floor:
  // int32 arithmetic instead of Math.floor on doubles, ~2x faster (one or more dates per order).
  if (z >= 0 && (z | 0) === z) {
    const era = (z / 146097) | 0;
    const dayOfEra = z - era * 146097;
    const yearOfEra = ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36524) | 0) - ((dayOfEra / 146096) | 0)) / 365) | 0;
    const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
    const mp = ((5 * dayOfYear + 2) / 153) | 0;
    const day = dayOfYear - (((153 * mp + 2) / 5) | 0) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year > 9999) throw new RangeError(`date ${days} days from 1970-01-01 is outside years 0000-9999`);
    return (year < 1000 ? String(year).padStart(4, '0') : year) + (month < 10 ? '-0' : '-') + month + (day < 10 ? '-0' : '-') + day;
  }
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`date ${days} days from 1970-01-01 is outside years 0000-9999`);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
