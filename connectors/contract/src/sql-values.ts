// Conversions of database values (as text) to what @tributary/avro's logical types take, with
// the exact canonical text a cursor keeps. Shared by the SQL sources; each returns a Misfit
// instead of throwing.
import { Misfit, describeValue } from './misfit';

const TIMESTAMP =
  /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const INTEGER = /^-?\d+$/;

/** An instant from SQL timestamp text, and its canonical text: ISO 8601 UTC with every fraction digit kept. */
export interface TimestampValue {
  readonly date: Date;
  readonly canonical: string;
}

/**
 * SQL timestamp text ('2024-05-01 10:00:00.123456+02', '2024-05-01 10:00:00') to an instant.
 * Text without an offset is read as UTC: the SQL sources run their sessions in UTC, and a
 * timestamp without a zone has no other honest reading. The Date keeps milliseconds (what
 * timestamp-millis holds); the canonical text keeps microseconds, so a cursor stays exact.
 * Years outside 0001-9999, 'infinity' and BC dates do not fit and are refused.
 */
export function sqlTimestamp(text: string): TimestampValue | Misfit {
  const m = TIMESTAMP.exec(text);
  if (!m) return misfitOfTemporal(text, 'timestamp');
  const [, y, mo, d, h, mi, s, fraction = '', zulu, sign, oh = '00', om = '00', os = '00'] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || !isCalendarDay(+y, +mo, +d) || y === '0000') {
    return new Misfit('OUT_OF_RANGE', `${describeValue(text)} is not a valid timestamp`);
  }
  const offsetSeconds = zulu || !sign ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  const utc = utcMillis(+y, +mo, +d, +h, +mi, +s) - offsetSeconds * 1000;
  const whole = new Date(utc);
  if (whole.getUTCFullYear() < 1 || whole.getUTCFullYear() > 9999) {
    return new Misfit('OUT_OF_RANGE', `${describeValue(text)} is outside the years 0001 to 9999`);
  }
  const millis = fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const canonical = `${whole.toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
  return { date: new Date(utc + millis), canonical };
}

/** 'YYYY-MM-DD' text of a real calendar day (years 0001 to 9999), as Avro `date` takes it. */
export function calendarDate(text: string): string | Misfit {
  const m = DATE.exec(text);
  if (!m) return misfitOfTemporal(text, 'date');
  if (m[1] === '0000' || !isCalendarDay(+m[1], +m[2], +m[3])) {
    return new Misfit('OUT_OF_RANGE', `${describeValue(text)} is not a day of the calendar`);
  }
  return text;
}

/**
 * A 64-bit integer (text or number) as a JS number, when it is one exactly: avsc writes Avro
 * `long` from numbers, and a bigint past 2^53 would silently become a neighbour.
 */
export function exactLong(value: string | number): number | Misfit {
  const text = String(value);
  if (!INTEGER.test(text)) return new Misfit('TYPE_MISMATCH', `${describeValue(value)} is not an integer`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    return new Misfit('OUT_OF_RANGE', `${text} is beyond ±9007199254740991, the integers a long holds exactly here`);
  }
  return n;
}

/** Decimal text as Avro `decimal(precision, scale)` takes it; NaN, infinities and too many digits are refused. */
export function decimalText(text: string, precision: number, scale: number): string | Misfit {
  if (!DECIMAL.test(text)) return new Misfit('OUT_OF_RANGE', `${describeValue(text)} is not a finite decimal number`);
  const point = text.indexOf('.');
  const integerDigits = (point < 0 ? text : text.slice(0, point)).replace(/^-?0*/, '').length;
  const fractionDigits = point < 0 ? 0 : text.length - point - 1;
  if (fractionDigits > scale || integerDigits > precision - scale) {
    return new Misfit('OUT_OF_RANGE', `${text} does not fit decimal(${precision},${scale})`);
  }
  return text;
}

function misfitOfTemporal(text: string, kind: string): Misfit {
  const outOfRange = /infinity|BC$|^\+?\d{5,}-/i.test(text);
  return new Misfit(outOfRange ? 'OUT_OF_RANGE' : 'TYPE_MISMATCH', outOfRange ? `${describeValue(text)} is outside the years 0001 to 9999` : `${describeValue(text)} is not a ${kind}`);
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not. */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}
