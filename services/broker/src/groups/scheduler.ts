/**
 * The clock and timers the coordinator runs on. Production uses the system's; tests use
 * ManualScheduler to step time, so session and rebalance timeouts are exercised without
 * sleeping and without flakiness on a loaded machine.
 */
export interface Scheduler {
  now(): number;
  setTimeout(fire: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (fire, delayMs) => setTimeout(fire, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
