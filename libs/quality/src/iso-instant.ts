// Epoch milliseconds as ISO-8601 text, for the messages of rules that fail a date. Date's
// toISOString takes ~0.5 us a call, and a failing range writes two (the value and the bound);
// on the TAXMAN example one order in eleven fails a date range.

import { civilFromDays } from '@tributary/transforms';

const MS_PER_DAY = 86_400_000;
/** 9999-12-31T23:59:59.999Z: up to here toISOString writes four-digit years. */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** What `new Date(ms).toISOString()` gives (and throws, for an invalid time). */
export function isoInstant(ms: number): string {
  // Integers from 1970 through 9999 are written here; the rest (earlier years, six-digit years,
  // fractions of a millisecond, invalid times) by Date itself.
  if (!Number.isInteger(ms) || ms < 0 || ms > LAST_FOUR_DIGIT_YEAR_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  const time = ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hours = Math.floor(time / 3_600_000);
  const minutes = Math.floor(time / 60_000) % 60;
  const seconds = Math.floor(time / 1000) % 60;
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(time % 1000)}Z`;
}
