/**
 * When a store is down the writer pauses the partitions whose results wait for it (the backlog
 * stays in Kafka, not in memory) and resumes each after a delay that doubles with every failure
 * in a row, up to a ceiling, and starts again from the first delay after a success. One per
 * pipeline: its stores are what fails, whichever partition noticed.
 */
export class StoreBackoff {
  private failures = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly resume: (topic: string, partition: number) => void,
    private readonly firstDelayMs = 500,
    private readonly maxDelayMs = 30_000,
  ) {}

  /** The delay before `partition` is resumed; schedules the resume. */
  pause(topic: string, partition: number): number {
    const delay = Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** Math.min(this.failures, 20));
    this.failures++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.resume(topic, partition);
    }, delay);
    timer.unref();
    this.timers.add(timer);
    return delay;
  }

  succeeded(): void {
    this.failures = 0;
  }

  /** At shutdown: nothing is resumed after the runner stopped. */
  cancel(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
