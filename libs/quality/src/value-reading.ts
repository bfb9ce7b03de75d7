// How rules read the values they check. The same TaxOrder reaches the rules in two forms:
// decoded by @tributary/avro's logical types (decimals as text "1234.5000", dates as
// 'YYYY-MM-DD', timestamps as Date) or straight from a transform's mapToSchema (Avro's raw
// values: decimals as numbers, dates as days since 1970-01-01, timestamps as epoch ms).
// Rules accept both.

/** null, undefined, and (unless `blankIsValue`) text that is empty or only whitespace. */
export function isMissing(value: unknown, blankIsValue = false): boolean {
  if (value === undefined || value === null) return true;
  if (blankIsValue || typeof value !== 'string') return false;
  // Printable ASCII is never white space, so the usual value is decided without trimming it.
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return value.trim() === '';
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number, or decimal text as a number; undefined for anything else (NaN and Infinity included). */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value);
  return undefined;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Day 2932896 is 9999-12-31: an integer up to that far from 0 is read as a day number. */
export const MAX_EPOCH_DAY = 2_932_896;
const MS_PER_DAY = 86_400_000;

/**
 * Epoch milliseconds of anything that names a moment: a Date, ISO-8601 text, an Avro date
 * (an integer of days, |n| <= MAX_EPOCH_DAY) or an Avro timestamp-millis (any other finite
 * number). The two number forms overlap only for instants in the first 49 minutes of 1970.
 */
export function instantOf(value: unknown): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return Number.isInteger(value) && Math.abs(value) <= MAX_EPOCH_DAY ? value * MS_PER_DAY : value;
  }
  return timeOf(value);
}

/**
 * Epoch milliseconds of a Date or of ISO-8601 text ('2024-03-05', '2024-03-05T10:00:00Z'),
 * checked against the calendar: '2024-02-30' and '2024-13-01' are not dates (Date.parse
 * would roll them over). Text without an offset is read as UTC.
 */
export function timeOf(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string') return undefined;
  const m = ISO.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((part) => (part === undefined ? undefined : Number(part)));
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysIn(year!, month!) || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year!, month! - 1, day!, hour, minute, second) + (m[7] ? Math.round(Number(m[7]) * 1000) : 0);
  return utc - offsetMs(m[8]);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function offsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** A short, safe rendering of a value for a reason's message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (typeof value === 'number') return String(value);
  let text: string;
  try {
    text = typeof value === 'bigint' ? value.toString() : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
