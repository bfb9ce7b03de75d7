/**
 * A partition's high watermark: the end of what is durable, hence of what consumers may read
 * (a crash can never take back a record someone has read). It only moves up, and tells its
 * listeners each time (the fetch long-poll waits on this).
 */
export class HighWatermark {
  private readonly listeners = new Set<(highWatermark: number) => void>();

  constructor(private value: number, private readonly onListenerError: (error: Error) => void = () => {}) {}

  get offset(): number {
    return this.value;
  }

  advanceTo(offset: number): void {
    if (offset <= this.value) return;
    this.value = offset;
    for (const listener of this.listeners) {
      try {
        listener(offset);
      } catch (err) {
        this.onListenerError(err as Error);
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (highWatermark: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }
}
