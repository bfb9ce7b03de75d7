// ISO-8601 as data actually carries it: 2024-05-01, 2024-05-01T13:45, 2024-05-01 13:45:10.123,
// optional Z or ±hh[:mm] offset. Four-digit years only, so year 99999 is an error, not a date.
import { civilFromDays, daysFromCivil, daysInMonth, MS_PER_DAY } from './civil-date';
import { dateFieldsProblem, emptyDateFields, MIN_YEAR, type DateFields } from './date-fields';
import { digitsValue, formatOffset, pad, readDigits, readOffset } from './offset-text';
import type { TimeZone } from './time-zone';

function expectDigits(text: string, at: number, count: number, what: string): number | string {
  const end = readDigits(text, at, count, count);
  return end < 0 ? `expected ${count} digits for the ${what} at offset ${at}` : end;
}

function parseIso(text: string): DateFields | string {
  const f = emptyDateFields();
  let end = expectDigits(text, 0, 4, 'year');
  if (typeof end === 'string') return end;
  f.year = digitsValue(text, 0, end);
  if (text[end] !== '-') return `expected '-' at offset ${end}`;
  let at = end + 1;
  end = expectDigits(text, at, 2, 'month');
  if (typeof end === 'string') return end;
  f.month = digitsValue(text, at, end);
  if (text[end] !== '-') return `expected '-' at offset ${end}`;
  at = end + 1;
  end = expectDigits(text, at, 2, 'day');
  if (typeof end === 'string') return end;
  f.day = digitsValue(text, at, end);
  at = end;
  if (at < text.length && (text[at] === 'T' || text[at] === 't' || text[at] === ' ')) {
    const time = parseIsoTime(text, at + 1, f);
    if (typeof time === 'string') return time;
    at = time;
  }
  if (at < text.length && (text[at] === 'Z' || text[at] === 'z' || text[at] === '+' || text[at] === '-')) {
    const offsetEnd = text[at] === 'z' ? at + 1 : readOffset(text, at, f, true);
    if (text[at] === 'z') f.offsetMinutes = 0;
    if (offsetEnd < 0) return `expected a UTC offset (Z or ±hh:mm) at offset ${at}`;
    at = offsetEnd;
  }
  if (at < text.length) return `unexpected '${text.slice(at, at + 10)}' after the date at offset ${at}`;
  return dateFieldsProblem(f) ?? f;
}

function parseIsoTime(text: string, from: number, f: DateFields): number | string {
  let at = from;
  let end = expectDigits(text, at, 2, 'hour');
  if (typeof end === 'string') return end;
  f.hour = digitsValue(text, at, end);
  if (text[end] !== ':') return `expected ':' at offset ${end}`;
  at = end + 1;
  end = expectDigits(text, at, 2, 'minute');
  if (typeof end === 'string') return end;
  f.minute = digitsValue(text, at, end);
  at = end;
  if (text[at] !== ':') return at;
  end = expectDigits(text, at + 1, 2, 'second');
  if (typeof end === 'string') return end;
  f.second = digitsValue(text, at + 1, end);
  at = end;
  if (text[at] !== '.' && text[at] !== ',') return at;
  const fractionEnd = readDigits(text, at + 1, 1, 9);
  if (fractionEnd < 0) return `expected fraction digits at offset ${at + 1}`;
  // Milliseconds are the first three fraction digits; finer ones are dropped, not rounded.
  const digits = Math.min(fractionEnd - at - 1, 3);
  f.millisecond = digitsValue(text, at + 1, at + 1 + digits) * (digits === 1 ? 100 : digits === 2 ? 10 : 1);
  return fractionEnd;
}

function formatIso(epochMs: number, zone: TimeZone): string {
  const offset = zone.offsetMinutes(epochMs);
  const local = epochMs + offset * 60_000;
  const days = Math.floor(local / MS_PER_DAY);
  const ms = local - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const time = `${pad(Math.floor(ms / 3_600_000), 2)}:${pad(Math.floor(ms / 60_000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}.${pad(ms % 1000, 3)}`;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}${formatOffset(offset, 3, true)}`;
}

export const isoDatePattern = { pattern: 'iso', parse: parseIso, format: formatIso };

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The day number of text that is exactly a valid 'YYYY-MM-DD', else undefined (then parse says
 * what is wrong, or reads the longer form). A mapped record's dates are mostly this form: this
 * skips the fields object and the general checks of parseIso, with the same answer.
 */
export function isoEpochDay(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  for (const i of DATE_DIGITS) if (!isDigit(text.charCodeAt(i))) return undefined;
  const year = digitsValue(text, 0, 4);
  const month = digitsValue(text, 5, 7);
  const day = digitsValue(text, 8, 10);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];
