import type { Scheduler } from './scheduler';

/**
 * One-shot timers by name. Setting a name again replaces its timer, which is how a heartbeat
 * pushes a member's session deadline back.
 */
export class Deadlines {
  private readonly timers = new Map<string, unknown>();

  constructor(private readonly scheduler: Scheduler) {}

  set(name: string, delayMs: number, fire: () => void): void {
    this.clear(name);
    const handle = this.scheduler.setTimeout(() => {
      this.timers.delete(name);
      fire();
    }, delayMs);
    this.timers.set(name, handle);
  }

  has(name: string): boolean {
    return this.timers.has(name);
  }

  clear(name: string): void {
    const handle = this.timers.get(name);
    if (handle === undefined) return;
    this.scheduler.clearTimeout(handle);
    this.timers.delete(name);
  }

  clearAll(): void {
    for (const handle of this.timers.values()) this.scheduler.clearTimeout(handle);
    this.timers.clear();
  }
}
