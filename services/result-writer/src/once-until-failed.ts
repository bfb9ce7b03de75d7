/**
 * Something a store prepares once and then shares (a created table, a created topic, an open
 * pool): every `get()` gets the same promise until it fails, or is `forget()`ten after a write
 * that suggests it is gone; then the next `get()` prepares it again. A failure is the caller's
 * to report: it is never left as an unhandled rejection here.
 */
export class OnceUntilFailed<T> {
  private pending: Promise<T> | undefined;

  constructor(private readonly prepare: () => Promise<T>) {}

  get(): Promise<T> {
    const pending = (this.pending ??= this.prepare());
    pending.catch(() => {
      if (this.pending === pending) this.pending = undefined;
    });
    return pending;
  }

  /** What was prepared, if anything (and forgets it): for the caller to close. */
  forget(): Promise<T> | undefined {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }
}
