// Converting one value to a target type, shared by `cast` and `mapToSchema`. Each function
// returns the converted value or a CoercionFailure (returned, not thrown: a bad value is an
// everyday event, and the caller adds the field path). Messages read "expected int, got 'abc'".
import { describeValue } from '../expression/values';
import { roundDecimal } from '../number/round-decimal';
import { readDecimalText } from './decimal-text';
import { MS_PER_DAY } from '../time/civil-date';
import { epochDayOfDateFields, epochOfDateFields } from '../time/date-fields';
import type { DatePattern } from '../time/date-pattern';
import { isoDatePattern, isoEpochDay } from '../time/iso-date-time';
import type { TimeZone } from '../time/time-zone';

export class CoercionFailure {
  constructor(readonly message: string) {}
}

export interface NumberFormat {
  /** Default '.'; ',' for European text such as '1.234,56'. */
  readonly decimalSeparator?: string;
  /** Removed before parsing, e.g. ',' in '1,234.56'; default none. */
  readonly groupSeparator?: string;
}

const INT32 = 2 ** 31;
const MIN_TIMESTAMP = -62_135_596_800_000;
const MAX_TIMESTAMP = 253_402_300_799_999;

const expected = (type: string, v: unknown) => new CoercionFailure(`expected ${type}, got ${describeValue(v)}`);

/** A number from decimal text, or undefined. Text like '12abc', '' or '1e999' is not a number. */
export function parseNumberText(text: string, format: NumberFormat = {}): number | undefined {
  let s = isPrintable(text.charCodeAt(0)) && isPrintable(text.charCodeAt(text.length - 1)) ? text : text.trim();
  const group = format.groupSeparator;
  if (group && s.includes(group)) s = s.replaceAll(group, '');
  const decimal = format.decimalSeparator;
  if (decimal && decimal !== '.') {
    if (s.includes('.')) return undefined;
    if (s.includes(decimal)) s = s.replaceAll(decimal, '.');
  }
  return readDecimalText(s);
}

/** Printable ASCII: never white space, so text that starts and ends with it needs no trim. */
const isPrintable = (code: number) => code > 32 && code < 127;

function numberOf(v: unknown, type: string, format: NumberFormat): number | CoercionFailure {
  if (typeof v === 'number') return Number.isFinite(v) ? v : expected(type, v);
  if (typeof v === 'string') return parseNumberText(v, format) ?? expected(type, v);
  if (typeof v === 'bigint') return Number(v);
  return expected(type, v);
}

/** int (32-bit) or long (kept within ±2^53, where doubles are exact). */
export function toInteger(v: unknown, type: 'int' | 'long', format: NumberFormat = {}): number | CoercionFailure {
  const n = numberOf(v, type, format);
  if (n instanceof CoercionFailure) return n;
  if (!Number.isInteger(n)) return expected(type, v);
  if (type === 'int' ? n < -INT32 || n >= INT32 : !Number.isSafeInteger(n)) return new CoercionFailure(`expected ${type}, got ${describeValue(v)}, which is out of range`);
  return n === 0 ? 0 : n;
}

export function toFloating(v: unknown, type: 'float' | 'double', format: NumberFormat = {}): number | CoercionFailure {
  return numberOf(v, type, format);
}

/** 10^(precision - scale): the first value too large for the type; memoised (`**` is a slow call). */
const limits = new Map<number, number>();
function limitOf(precision: number, scale: number): number {
  const key = precision * 64 + scale;
  let limit = limits.get(key);
  if (limit === undefined) limits.set(key, (limit = 10 ** (precision - scale)));
  return limit;
}

/** A decimal rounded (half away from zero) to `scale` places; precision counts all digits. */
export function toDecimal(v: unknown, scale: number, precision: number | undefined, format: NumberFormat = {}): number | CoercionFailure {
  return decimalConverter(scale, precision, format)(v);
}

/**
 * toDecimal with its settings fixed, for a cast or a schema field that converts every amount of
 * every record: the precision's limit is worked out once instead of looked up per value.
 */
export function decimalConverter(scale: number, precision: number | undefined, format: NumberFormat = {}): (v: unknown) => number | CoercionFailure {
  const limit = precision === undefined ? Infinity : limitOf(precision, scale);
  return (v) => {
    // The type's name is spelled only for a failure: this runs for every amount of every record.
    const n = typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' ? parseNumberText(v, format) : typeof v === 'bigint' ? Number(v) : undefined;
    if (n === undefined) return expected(decimalName(scale, precision), v);
    const rounded = roundDecimal(n, scale);
    if (precision !== undefined && Math.abs(rounded) >= limit) {
      return new CoercionFailure(`${describeValue(v)} does not fit ${decimalName(scale, precision)}: at most ${precision - scale} digits before the point`);
    }
    return rounded;
  };
}

/**
 * Whether v is a number toDecimal(v, scale, precision) keeps as it is (finite, at most `scale`
 * decimals, within the precision): a schema's decimal field checks values a cast already made.
 */
export function decimalFits(scale: number, precision: number | undefined): (v: unknown) => boolean {
  const limit = precision === undefined ? Infinity : limitOf(precision, scale);
  return (v) => typeof v === 'number' && Number.isFinite(v) && roundDecimal(v, scale) === v && Math.abs(v) < limit;
}

const decimalName = (scale: number, precision: number | undefined) => (precision === undefined ? `decimal with scale ${scale}` : `decimal(${precision},${scale})`);

const TRUE_TEXT = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_TEXT = new Set(['false', 'no', 'n', '0', 'off']);

export function toBoolean(v: unknown): boolean | CoercionFailure {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE_TEXT.has(s)) return true;
    if (FALSE_TEXT.has(s)) return false;
  }
  return expected('boolean', v);
}

export function toText(v: unknown): string | CoercionFailure {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString();
  return expected('string', v);
}

/** Days since 1970-01-01: from text (pattern; a time with an offset is read in `zone`), a Date, or a day number. */
export function toEpochDays(v: unknown, pattern: DatePattern, zone: TimeZone): number | CoercionFailure {
  if (typeof v === 'string') {
    const day = pattern === isoDatePattern ? isoEpochDay(v) : undefined;
    if (day !== undefined) return day;
    const fields = pattern.parse(v.trim());
    if (typeof fields === 'string') return new CoercionFailure(`expected a date as '${pattern.pattern}', got ${describeValue(v)}: ${fields}`);
    return epochDayOfDateFields(fields, zone);
  }
  if (v instanceof Date) {
    const ms = v.getTime();
    return Number.isNaN(ms) ? expected('date', v) : Math.floor((ms + zone.offsetMinutes(ms) * 60_000) / MS_PER_DAY);
  }
  if (typeof v === 'number' && Number.isInteger(v) && v * MS_PER_DAY >= MIN_TIMESTAMP && v * MS_PER_DAY <= MAX_TIMESTAMP) return v;
  return expected('date', v);
}

/** Epoch milliseconds: from text (pattern, in `zone` unless it has an offset), a Date, or a number in `unit`. */
export function toEpochMillis(v: unknown, pattern: DatePattern, zone: TimeZone, unit: 'millis' | 'seconds' = 'millis'): number | CoercionFailure {
  let ms: number;
  if (typeof v === 'string') {
    const fields = pattern.parse(v.trim());
    if (typeof fields === 'string') return new CoercionFailure(`expected a timestamp as '${pattern.pattern}', got ${describeValue(v)}: ${fields}`);
    ms = epochOfDateFields(fields, zone);
  } else if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'number' && Number.isFinite(v)) ms = unit === 'seconds' ? Math.round(v * 1000) : Math.round(v);
  else return expected('timestamp', v);
  if (!(ms >= MIN_TIMESTAMP && ms <= MAX_TIMESTAMP)) return new CoercionFailure(`expected a timestamp, got ${describeValue(v)}, which is outside years 1-9999`);
  return ms;
}
