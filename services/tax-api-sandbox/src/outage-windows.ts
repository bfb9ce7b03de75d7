export type OutageMode = 'refuse' | 'unavailable';

export interface Outage {
  readonly mode: OutageMode;
  /** Epoch ms when it ends by itself. */
  readonly until: number;
}

/** A planned outage: `atMs` after the sandbox started, for `forMs`. */
export interface OutageWindow {
  readonly atMs: number;
  readonly forMs: number;
}

export type OutageListener = (outage: Outage | null) => void;

/**
 * When the sandbox is down: at most one outage at a time, started now (PUT /v1/knobs) or at
 * planned offsets from start (SANDBOX_OUTAGES), each ending by itself. Only the state and its
 * timers live here; what "down" means for the HTTP listener (closed port or 503s) is the
 * listener's business, told through onChange.
 */
export class OutageWindows {
  private outage: Outage | null = null;
  private endTimer: NodeJS.Timeout | undefined;
  private readonly planned: NodeJS.Timeout[] = [];
  private readonly listeners: OutageListener[] = [];

  get current(): Outage | null {
    return this.outage;
  }

  onChange(listener: OutageListener): void {
    this.listeners.push(listener);
  }

  /** Down from now for `ms`; replaces an outage under way. */
  start(ms: number, mode: OutageMode): void {
    clearTimeout(this.endTimer);
    this.outage = { mode, until: Date.now() + ms };
    this.endTimer = setTimeout(() => this.end(), ms);
    this.tell();
  }

  end(): void {
    clearTimeout(this.endTimer);
    if (this.outage === null) return;
    this.outage = null;
    this.tell();
  }

  /** Plans outages at offsets from now. */
  plan(windows: readonly OutageWindow[], mode: OutageMode): void {
    for (const window of windows) this.planned.push(setTimeout(() => this.start(window.forMs, mode), window.atMs));
  }

  /** Cancels every timer (on shutdown); an outage under way stays as it is. */
  stop(): void {
    clearTimeout(this.endTimer);
    for (const timer of this.planned) clearTimeout(timer);
    this.planned.length = 0;
    this.listeners.length = 0;
  }

  private tell(): void {
    for (const listener of this.listeners) listener(this.outage);
  }
}
