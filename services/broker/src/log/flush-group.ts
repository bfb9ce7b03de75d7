/**
 * Group commit: `flush()` resolves once a flush round that started after the call has
 * finished. While a round runs, every later caller joins the single next round, so N
 * concurrent acks=-1 producers cost one fsync per round instead of N. A round is the
 * caller's `round` function (the log's: fdatasync the dirty segments, then raise the high
 * watermark to the end it saw when the round began).
 *
 * `schedule()` asks for a round soon even when nobody waits (coalesced on setImmediate):
 * acks=0/1 data becomes durable, hence visible to consumers, within about one fsync.
 */
export class FlushGroup {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private scheduled: NodeJS.Immediate | null = null;
  /** The first error of a background round: once an fsync failed the file's state is unknown (fsyncgate), so it sticks. */
  failure: Error | null = null;

  constructor(private readonly round: () => Promise<void>) {}

  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.running) return this.start();
    if (!this.queued) {
      // Joiners wait for the round after the current one: it may have started before their data was written.
      this.queued = this.running.then(noop, noop).then(() => {
        this.queued = null;
        return this.start();
      });
    }
    return this.queued;
  }

  schedule(): void {
    if (this.scheduled || this.queued) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      this.flush().catch(noop);
    });
  }

  /** Waits for rounds already started or queued; cancels a scheduled one (the caller flushes itself). */
  async idle(): Promise<void> {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    await (this.queued ?? this.running)?.catch(noop);
  }

  private start(): Promise<void> {
    const round = this.round().catch((err: unknown) => {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
      throw err;
    });
    const running = round.finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }
}

function noop(): void {}
