// The calendar fields a date parser fills in, and their validation into an instant. Shared by
// the pattern parser and the ISO-8601 parser so both reject 2024-02-30 with the same words.
import { daysFromCivil, daysInMonth, MONTH_NAMES, MS_PER_DAY } from './civil-date';
import { localToEpoch, type TimeZone } from './time-zone';

export interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 12-hour clock reading and its AM/PM marker, when the pattern uses h and a. */
  hour12: number;
  pm: boolean | undefined;
  /** Offset written in the text (minutes east of UTC), or undefined to use the zone. */
  offsetMinutes: number | undefined;
}

export function emptyDateFields(): DateFields {
  return { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0, hour12: -1, pm: undefined, offsetMinutes: undefined };
}

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

/** Checks the fields form a real date and time; returns a message naming the fault, or undefined. */
export function dateFieldsProblem(f: DateFields): string | undefined {
  if (f.hour12 >= 0) {
    if (f.hour12 < 1 || f.hour12 > 12) return `hour ${f.hour12} is out of range 1-12 for a 12-hour clock`;
    f.hour = (f.hour12 % 12) + (f.pm ? 12 : 0);
  }
  if (f.year < MIN_YEAR || f.year > MAX_YEAR) return `year ${f.year} is out of range ${MIN_YEAR}-${MAX_YEAR}`;
  if (f.month < 1 || f.month > 12) return `month ${f.month} is out of range 1-12`;
  const length = daysInMonth(f.year, f.month);
  if (f.day < 1 || f.day > length) return `day ${f.day} is out of range: ${MONTH_NAMES[f.month - 1]} ${f.year} has ${length} days`;
  if (f.hour > 23) return `hour ${f.hour} is out of range 0-23`;
  if (f.minute > 59) return `minute ${f.minute} is out of range 0-59`;
  if (f.second > 59) return `second ${f.second} is out of range 0-59`;
  if (f.offsetMinutes !== undefined && Math.abs(f.offsetMinutes) > 18 * 60) return `offset of ${f.offsetMinutes} minutes is out of range ±18:00`;
  return undefined;
}

/** The instant the (valid) fields name: by their own offset if they carry one, else in `zone`. */
export function epochOfDateFields(f: DateFields, zone: TimeZone): number {
  const local = daysFromCivil(f.year, f.month, f.day) * MS_PER_DAY + f.hour * 3_600_000 + f.minute * 60_000 + f.second * 1000 + f.millisecond;
  return f.offsetMinutes !== undefined ? local - f.offsetMinutes * 60_000 : localToEpoch(zone, local);
}

/** Days since the epoch of the (valid) fields' calendar date, in `zone` when they carry an offset. */
export function epochDayOfDateFields(f: DateFields, zone: TimeZone): number {
  if (f.offsetMinutes === undefined) return daysFromCivil(f.year, f.month, f.day);
  const instant = epochOfDateFields(f, zone);
  return Math.floor((instant + zone.offsetMinutes(instant) * 60_000) / MS_PER_DAY);
}
