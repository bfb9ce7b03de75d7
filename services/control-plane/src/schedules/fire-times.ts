import type { CatchUpPolicy } from '@tributary/persistence';
import type { CronExpression } from './cron-expression';

export interface CatchUp {
  readonly policy: CatchUpPolicy;
  /** With 'all': the most missed fire times run (the latest ones). */
  readonly limit: number;
}

export interface FirePlan {
  /** The fire times to run now, oldest first. */
  readonly fire: Date[];
  /** Due fire times not run (missed, beyond the catch-up policy). */
  readonly skipped: number;
  /** The first fire time after `now`: the schedule's next_fire_at. */
  readonly next: Date | undefined;
}

/** A fire time at most this late is on time, not missed (the scheduler ticks, leaders change hands). */
export const ON_TIME_MS = 60_000;

/** Counting due times one by one stops here; a schedule missed for longer skips to recent ones. */
const MAX_STEPS = 10_000;

/**
 * Which of a schedule's due fire times (from `nextFireAt` up to `now`) to run, by its catch-up
 * policy: 'none' runs only a fire time that is on time (missed ones are skipped), 'last' runs
 * the latest due one however late, 'all' runs every due one up to `limit` (the latest ones).
 */
export function planFires(cron: CronExpression, timeZone: string, nextFireAt: Date, now: Date, catchUp: CatchUp): FirePlan {
  const keep = catchUp.policy === 'all' ? catchUp.limit : 1;
  const latest: Date[] = [];
  let due = 0;
  let steps = 0;
  for (let t: Date | undefined = nextFireAt; t && t.getTime() <= now.getTime(); t = cron.next(t, timeZone)) {
    due++;
    latest.push(t);
    if (latest.length > keep) latest.shift();
    if (++steps === MAX_STEPS) {
      // Thousands of missed times (a per-minute schedule down for months): skip to the last day.
      const resume = cron.next(new Date(now.getTime() - 86_400_000), timeZone);
      if (resume && resume.getTime() > t.getTime()) t = new Date(resume.getTime() - 1);
    }
  }
  let fire = latest;
  if (catchUp.policy === 'none') fire = latest.filter((t) => now.getTime() - t.getTime() <= ON_TIME_MS);
  return { fire, skipped: due - fire.length, next: cron.next(now, timeZone) };
}
