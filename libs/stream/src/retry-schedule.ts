/**
 * How long a record waits in `<p>.retry` before its next try: exponential backoff, capped,
 * with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015) so records
 * that failed together during an outage do not all come back in the same instant.
 */
export interface RetrySchedule {
  /** Wait before the 2nd try, in ms. */
  readonly initialDelayMs: number;
  readonly multiplier: number;
  readonly maxDelayMs: number;
  /** Total tries, the first included; a record still failing after these goes to `<p>.errors`. */
  readonly maxAttempts: number;
  /** Draw the wait uniformly from [delay/2, delay] instead of waiting exactly `delay`. */
  readonly jitter: boolean;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  initialDelayMs: 1_000,
  multiplier: 2,
  maxDelayMs: 300_000,
  maxAttempts: 5,
  jitter: true,
};

/** The wait after failed try number `attempt` (1 = the first delivery). */
export function retryDelayMs(attempt: number, schedule: RetrySchedule = DEFAULT_RETRY_SCHEDULE, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt counts from 1, got ${attempt}`);
  const exact = Math.min(schedule.maxDelayMs, schedule.initialDelayMs * schedule.multiplier ** (attempt - 1));
  return Math.round(schedule.jitter ? exact / 2 + (random() * exact) / 2 : exact);
}

/** A schedule with defaults filled in, checked once so a bad config fails at start, naming the field. */
export function retryScheduleOf(partial: Partial<RetrySchedule> = {}): RetrySchedule {
  const schedule = { ...DEFAULT_RETRY_SCHEDULE, ...partial };
  const check = (field: keyof RetrySchedule, ok: boolean, what: string) => {
    if (!ok) throw new RangeError(`retry.${field} must be ${what}, got ${String(schedule[field])}`);
  };
  check('initialDelayMs', Number.isFinite(schedule.initialDelayMs) && schedule.initialDelayMs >= 0, 'a number of ms from 0');
  check('multiplier', Number.isFinite(schedule.multiplier) && schedule.multiplier >= 1, 'a number from 1');
  check('maxDelayMs', Number.isFinite(schedule.maxDelayMs) && schedule.maxDelayMs >= schedule.initialDelayMs, 'at least initialDelayMs');
  check('maxAttempts', Number.isInteger(schedule.maxAttempts) && schedule.maxAttempts >= 1, 'an integer from 1');
  return schedule;
}
