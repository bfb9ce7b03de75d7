import type { ResultStore, ResultToStore } from './result-store';

export interface ResultBatcherOptions {
  readonly tenant: string;
  readonly pipeline: string;
  /** Written in this order; a result is done once every store has it. */
  readonly stores: readonly ResultStore[];
  /** Results per store write, at most (default 500). */
  readonly maxBatch?: number;
  /** How long the first result of a batch waits for others (default 5 ms). */
  readonly lingerMs?: number;
}

/** How one result ended: stored (or skipped as older) everywhere, or refused by a store for good. */
export type BatchedOutcome = { readonly stored: true } | { readonly stored: false; readonly reasons: readonly string[] };

interface Waiting {
  readonly entry: ResultToStore;
  resolve(outcome: BatchedOutcome): void;
  reject(error: unknown): void;
}

/**
 * Gathers the results that a pipeline's partitions hand over one at a time (the ConsumerRunner
 * calls its handler per record, each partition in order) into batches, so a store takes one
 * round trip for many results. Each caller waits for its batch: its offset is committed only
 * after its result is in every store. One batch per pipeline is in flight at a time; results
 * arriving meanwhile form the next one, so under load batches grow to what the stores absorb.
 *
 * A store that throws (StoreUnavailableError) fails every caller of the batch with that error;
 * those results are written again later, which the stores' upserts make harmless.
 */
export class ResultBatcher {
  private pending: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing = false;
  private readonly maxBatch: number;
  private readonly lingerMs: number;

  constructor(private readonly options: ResultBatcherOptions) {
    this.maxBatch = options.maxBatch ?? 500;
    this.lingerMs = options.lingerMs ?? 5;
  }

  submit(entry: ResultToStore): Promise<BatchedOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (this.flushing) return;
      if (this.pending.length >= this.maxBatch) this.flushNow();
      else this.timer ??= setTimeout(() => this.flushNow(), this.lingerMs);
    });
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxBatch);
    this.flushing = true;
    void this.write(batch).finally(() => {
      this.flushing = false;
      if (this.pending.length > 0) this.flushNow();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    const entries = batch.map((w) => w.entry);
    const reasons = new Map<number, string[]>();
    try {
      for (const store of this.options.stores) {
        const rejected = await store.write(this.options.tenant, this.options.pipeline, entries);
        for (const [index, reason] of rejected) reasons.set(index, [...(reasons.get(index) ?? []), `${store.name}: ${reason}`]);
      }
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      const refused = reasons.get(index);
      waiting.resolve(refused ? { stored: false, reasons: refused } : { stored: true });
    });
  }
}
