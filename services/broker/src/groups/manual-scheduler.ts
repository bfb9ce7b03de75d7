import type { Scheduler } from './scheduler';

interface ManualTimer {
  readonly at: number;
  readonly seq: number;
  readonly fire: () => void;
}

/** A scheduler whose time moves only when a test calls advance(). */
export class ManualScheduler implements Scheduler {
  private time = 0;
  private seq = 0;
  private readonly timers = new Map<number, ManualTimer>();

  now(): number {
    return this.time;
  }

  setTimeout(fire: () => void, delayMs: number): unknown {
    const seq = ++this.seq;
    this.timers.set(seq, { at: this.time + Math.max(0, delayMs), seq, fire });
    return seq;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers still waiting to fire. */
  get pending(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due in deadline order (ties in
   * the order they were set), including timers that fired timers set along the way.
   */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: ManualTimer | undefined;
      for (const t of this.timers.values()) {
        if (t.at <= end && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      }
      if (!next) break;
      this.timers.delete(next.seq);
      this.time = next.at;
      next.fire();
    }
    this.time = end;
  }
}
