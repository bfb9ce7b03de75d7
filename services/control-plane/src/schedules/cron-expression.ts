import { cronProblem } from '@tributary/pipeline-spec';
import { wallClockOf, instantOfWallClock } from './time-zone';

/**
 * A five-field cron expression (crontab(5): minute hour day-of-month month day-of-week, with
 * lists, ranges, steps, month and day names, 0 and 7 both Sunday, and the @hourly ... @yearly
 * shorthands), read against the wall clock of an IANA time zone. libs/pipeline-spec's
 * cronProblem checks the text; this turns it into the sets of values each field allows.
 *
 * Day matching follows Vixie cron: when both day-of-month and day-of-week are restricted, a day
 * matches if either does. Across DST changes: a wall time that does not exist (the hour skipped
 * in spring) fires at the moment the clocks jump, and a wall time that happens twice (the hour
 * repeated in autumn) fires once, the first time.
 */
export class CronExpression {
  private constructor(
    readonly text: string,
    private readonly minutes: ReadonlySet<number>,
    private readonly hours: ReadonlySet<number>,
    private readonly days: ReadonlySet<number>,
    private readonly months: ReadonlySet<number>,
    private readonly weekdays: ReadonlySet<number>,
    private readonly anyDay: boolean,
    private readonly anyWeekday: boolean,
  ) {}

  /** Throws with cronProblem's message when the expression is not valid. */
  static parse(text: string): CronExpression {
    const problem = cronProblem(text);
    if (problem) throw new Error(problem);
    const trimmed = SHORTHANDS[text.trim()] ?? text.trim();
    const [m, h, dom, mon, dow] = trimmed.split(/\s+/);
    const weekdays = new Set([...expand(dow, 0, 7, DAY_NAMES)].map((d) => d % 7));
    return new CronExpression(text, expand(m, 0, 59), expand(h, 0, 23), expand(dom, 1, 31), expand(mon, 1, 12, MONTH_NAMES), weekdays, isStar(dom), isStar(dow));
  }

  /** The first fire time strictly after `after`, in `timeZone`; undefined if none within 8 years (e.g. 31 February). */
  next(after: Date, timeZone: string): Date | undefined {
    // Wall-clock times are held as UTC Dates whose UTC fields are the zone's local fields.
    let wall = new Date(Math.floor(wallClockOf(after, timeZone).getTime() / 60_000) * 60_000 + 60_000);
    const limit = wall.getTime() + 8 * 366 * 86_400_000;
    while (wall.getTime() < limit) {
      if (!this.months.has(wall.getUTCMonth() + 1)) {
        wall = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + 1, 1));
      } else if (!this.dayMatches(wall)) {
        wall = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 1));
      } else if (!this.hours.has(wall.getUTCHours())) {
        wall = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours() + 1));
      } else if (!this.minutes.has(wall.getUTCMinutes())) {
        wall = new Date(wall.getTime() + 60_000);
      } else {
        const instant = instantOfWallClock(wall, timeZone);
        if (instant.getTime() > after.getTime()) return instant;
        wall = new Date(wall.getTime() + 60_000);
      }
    }
    return undefined;
  }

  private dayMatches(wall: Date): boolean {
    const dom = this.days.has(wall.getUTCDate());
    const dow = this.weekdays.has(wall.getUTCDay());
    if (this.anyDay && this.anyWeekday) return true;
    if (this.anyDay) return dow;
    if (this.anyWeekday) return dom;
    return dom || dow;
  }
}

const SHORTHANDS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function isStar(field: string): boolean {
  return field === '*' || field === '?';
}

/** The values a field allows; the text was already checked by cronProblem. */
function expand(field: string, min: number, max: number, names?: string[]): Set<number> {
  const value = (text: string) => {
    const named = names?.indexOf(text.toUpperCase()) ?? -1;
    return named >= 0 ? named + min : Number(text);
  };
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let [low, high] = [min, max];
    if (range !== '*') {
      const ends = range.split('-');
      low = value(ends[0]);
      // "5/15" means from 5 to the end, every 15
      high = ends.length === 2 ? value(ends[1]) : stepText === undefined ? low : max;
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}
