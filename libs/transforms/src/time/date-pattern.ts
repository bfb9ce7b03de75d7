// Date/time patterns in the familiar letters (Java DateTimeFormatter, date-fns):
//   yyyy 4-digit year   yy 2-digit year (2000-2099)   y 1-4 digits
//   M/MM month, MMM Jan, MMMM January   d/dd day   E/EEE Mon, EEEE Monday (weekday: read, not checked)
//   H/HH hour 0-23   h/hh hour 1-12   a AM/PM   m/mm minute   s/ss second   S..S fraction (SSS = ms)
//   X +01 or Z   XX +0100 or Z   XXX +01:00 or Z   Z +0100   'quoted text'   '' a quote
// One letter (M, d, H, h, m, s) reads 1-2 digits; two letters read exactly two. Any other
// letter is an error, so typos surface when the pipeline compiles, not on the first record.
import { civilFromDays, MONTH_NAMES, MS_PER_DAY, WEEKDAY_NAMES, weekdayOfDays } from './civil-date';
import { dateFieldsProblem, emptyDateFields, type DateFields } from './date-fields';
import { isoDatePattern } from './iso-date-time';
import { digitsValue, formatOffset, pad, readDigits, readOffset } from './offset-text';
import type { TimeZone } from './time-zone';

export interface DatePattern {
  readonly pattern: string;
  /** The fields the text holds, validated; or a message naming the fault. */
  parse(text: string): DateFields | string;
  /** The instant written in `zone`. */
  format(epochMs: number, zone: TimeZone): string;
}

export class DatePatternError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'DatePatternError';
  }
}

/** One shape for both kinds, so the per-record loops read parts without a shape check. */
interface Part {
  /** Text to match or write as is, or undefined for a letter. */
  readonly literal: string | undefined;
  readonly letter: string;
  readonly width: number;
}

const WIDTHS: Record<string, number[]> = {
  y: [1, 2, 4], M: [1, 2, 3, 4], d: [1, 2], E: [1, 2, 3, 4], H: [1, 2], h: [1, 2], a: [1],
  m: [1, 2], s: [1, 2], S: [1, 2, 3, 4, 5, 6, 7, 8, 9], X: [1, 2, 3], Z: [1],
};

function splitPattern(pattern: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const close = pattern.indexOf("'", i + 1);
      if (close < 0) throw new DatePatternError(`unterminated quote in date pattern '${pattern}'`, i);
      parts.push({ literal: close === i + 1 ? "'" : pattern.slice(i + 1, close), letter: '', width: 0 });
      i = close + 1;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      let j = i;
      while (pattern[j] === c) j++;
      const widths = Object.prototype.hasOwnProperty.call(WIDTHS, c) ? WIDTHS[c] : undefined;
      if (widths === undefined) throw new DatePatternError(`unknown letter '${c}' in date pattern '${pattern}' (quote literal text: 'T')`, i);
      if (!widths.includes(j - i)) throw new DatePatternError(`'${pattern.slice(i, j)}' is not a valid width for '${c}' in date pattern '${pattern}'`, i);
      parts.push({ literal: undefined, letter: c, width: j - i });
      i = j;
    } else {
      parts.push({ literal: c, letter: '', width: 0 });
      i++;
    }
  }
  return parts;
}

/** Compiles a pattern, or 'iso' for ISO-8601; throws DatePatternError naming the bad letter. */
export function compileDatePattern(pattern: string): DatePattern {
  if (pattern === 'iso') return isoDatePattern;
  if (pattern.length === 0) throw new DatePatternError('empty date pattern', 0);
  const parts = splitPattern(pattern);
  return { pattern, parse: (text) => parseWith(parts, text), format: (ms, zone) => formatWith(parts, ms, zone) };
}

function readName(text: string, at: number, names: readonly string[], short: boolean): [index: number, end: number] {
  const lower = text.slice(at).toLowerCase();
  for (let i = 0; i < names.length; i++) {
    const name = (short ? names[i].slice(0, 3) : names[i]).toLowerCase();
    if (lower.startsWith(name)) return [i, at + name.length];
  }
  return [-1, at];
}

function parseWith(parts: readonly Part[], text: string): DateFields | string {
  const f = emptyDateFields();
  let at = 0;
  for (const part of parts) {
    if (part.literal !== undefined) {
      if (!text.startsWith(part.literal, at)) return `expected '${part.literal}' at offset ${at}`;
      at += part.literal.length;
      continue;
    }
    const { letter, width } = part;
    if (letter === 'M' && width >= 3) {
      const [index, end] = readName(text, at, MONTH_NAMES, width === 3);
      if (index < 0) return `expected a month name at offset ${at}`;
      f.month = index + 1;
      at = end;
    } else if (letter === 'E') {
      const [index, end] = readName(text, at, WEEKDAY_NAMES, width < 4);
      if (index < 0) return `expected a weekday name at offset ${at}`;
      at = end;
    } else if (letter === 'a') {
      const marker = text.slice(at, at + 2).toUpperCase();
      if (marker !== 'AM' && marker !== 'PM') return `expected AM or PM at offset ${at}`;
      f.pm = marker === 'PM';
      at += 2;
    } else if (letter === 'X' || letter === 'Z') {
      const end = readOffset(text, at, f, letter === 'X');
      if (end < 0) return `expected a UTC offset (Z, +01, +0100 or +01:00) at offset ${at}`;
      at = end;
    } else {
      const min = letter === 'y' && width === 1 ? 1 : width === 1 ? 1 : width;
      const max = letter === 'y' && width === 1 ? 4 : width === 1 ? 2 : width;
      const end = readDigits(text, at, min, max);
      if (end < 0) return `expected ${min === max ? min : `${min}-${max}`} digit${max > 1 ? 's' : ''} for '${letter.repeat(width)}' at offset ${at}`;
      const n = digitsValue(text, at, end);
      if (letter === 'y') f.year = width === 2 ? 2000 + n : n;
      else if (letter === 'M') f.month = n;
      else if (letter === 'd') f.day = n;
      else if (letter === 'H') f.hour = n;
      else if (letter === 'h') f.hour12 = n;
      else if (letter === 'm') f.minute = n;
      else if (letter === 's') f.second = n;
      else if (letter === 'S') f.millisecond = width <= 3 ? n * 10 ** (3 - width) : Math.floor(n / 10 ** (width - 3));
      at = end;
    }
  }
  if (at < text.length) return `unexpected '${text.slice(at, at + 10)}' after the date at offset ${at}`;
  if (f.hour12 >= 0 && f.pm === undefined) f.pm = false;
  return dateFieldsProblem(f) ?? f;
}

function formatWith(parts: readonly Part[], epochMs: number, zone: TimeZone): string {
  const offset = zone.offsetMinutes(epochMs);
  const local = epochMs + offset * 60_000;
  const days = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(msOfDay / 3_600_000);
  let out = '';
  for (const part of parts) {
    if (part.literal !== undefined) {
      out += part.literal;
      continue;
    }
    const { letter, width } = part;
    if (letter === 'y') out += width === 2 ? pad(year % 100, 2) : pad(year, width);
    else if (letter === 'M') out += width === 4 ? MONTH_NAMES[month - 1] : width === 3 ? MONTH_NAMES[month - 1].slice(0, 3) : pad(month, width);
    else if (letter === 'd') out += pad(day, width);
    else if (letter === 'E') out += width === 4 ? WEEKDAY_NAMES[weekdayOfDays(days)] : WEEKDAY_NAMES[weekdayOfDays(days)].slice(0, 3);
    else if (letter === 'H') out += pad(hour, width);
    else if (letter === 'h') out += pad(hour % 12 === 0 ? 12 : hour % 12, width);
    else if (letter === 'a') out += hour < 12 ? 'AM' : 'PM';
    else if (letter === 'm') out += pad(Math.floor(msOfDay / 60_000) % 60, width);
    else if (letter === 's') out += pad(Math.floor(msOfDay / 1000) % 60, width);
    else if (letter === 'S') out += pad(msOfDay % 1000, 3).padEnd(width, '0').slice(0, width);
    else out += formatOffset(offset, letter === 'Z' ? 2 : width, letter === 'X');
  }
  return out;
}
