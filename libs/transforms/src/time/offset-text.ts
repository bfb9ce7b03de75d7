// Reading and writing digits and UTC offsets (Z, ±hh, ±hhmm, ±hh:mm) in date text.
import type { DateFields } from './date-fields';

/** The end offset of min-max ASCII digits starting at `at`, or -1 when fewer than min. */
export function readDigits(text: string, at: number, min: number, max: number): number {
  let end = at;
  while (end < text.length && end - at < max && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  return end - at >= min ? end : -1;
}

/** The number the ASCII digits text[from..to) spell (no substring, no Number parse). */
export function digitsValue(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (text.charCodeAt(i) - 48);
  return n;
}

/** Reads Z, ±hh, ±hhmm or ±hh:mm into f.offsetMinutes; returns the end offset or -1. */
export function readOffset(text: string, at: number, f: DateFields, allowZ: boolean): number {
  if (allowZ && text[at] === 'Z') {
    f.offsetMinutes = 0;
    return at + 1;
  }
  const sign = text[at] === '+' ? 1 : text[at] === '-' ? -1 : 0;
  if (sign === 0 || readDigits(text, at + 1, 2, 2) < 0) return -1;
  const hours = digitsValue(text, at + 1, at + 3);
  let end = at + 3;
  let minutes = 0;
  const colon = text[end] === ':' ? 1 : 0;
  if (readDigits(text, end + colon, 2, 2) >= 0) {
    minutes = digitsValue(text, end + colon, end + colon + 2);
    if (minutes > 59) return -1;
    end += colon + 2;
  }
  f.offsetMinutes = sign * (hours * 60 + minutes);
  return end;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** n in at least `width` digits; months, days, hours, minutes and seconds come from a table. */
export const pad = (n: number, width: number) => (width === 2 && n >= 0 && n < 100 && (n | 0) === n ? TWO_DIGITS[n] : String(n).padStart(width, '0'));

export function formatOffset(minutes: number, width: number, allowZ: boolean): string {
  if (minutes === 0 && allowZ) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  return width === 1 && allowZ ? `${sign}${h}${m === '00' ? '' : m}` : width === 3 ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

