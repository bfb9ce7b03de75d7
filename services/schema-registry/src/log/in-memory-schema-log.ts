import type { SchemaLog, SchemaLogRecord } from './schema-log';

/** One topic's records, shared by the InMemorySchemaLogs of several registry instances. */
export class InMemoryTopic {
  readonly records: SchemaLogRecord[] = [];
  private readonly listeners = new Set<() => void>();

  append(key: Buffer, value: Buffer | null): number {
    const offset = this.records.length;
    this.records.push({ offset, key, value });
    for (const listener of this.listeners) listener();
    return offset;
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * A SchemaLog over an InMemoryTopic, for tests: several registries can share one topic, and
 * `deliveryDelayMs` makes each instance read new records late, as a consumer lags behind the
 * log, so concurrent writers really do decide on stale state.
 */
export class InMemorySchemaLog implements SchemaLog {
  private delivered = 0;
  private stopListening: (() => void) | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly topic = new InMemoryTopic(), private readonly options: { deliveryDelayMs?: number } = {}) {}

  async start(onRecords: (records: readonly SchemaLogRecord[], nextOffset: number) => void): Promise<void> {
    const deliver = (): void => {
      const end = this.topic.records.length;
      if (end <= this.delivered) return;
      const batch = this.topic.records.slice(this.delivered, end);
      this.delivered = end;
      onRecords(batch, end);
    };
    this.stopListening = this.topic.listen(() => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        deliver();
      }, this.options.deliveryDelayMs ?? 0);
      this.timers.add(timer);
    });
    deliver();
  }

  async append(key: Buffer, value: Buffer | null): Promise<number> {
    return this.topic.append(key, value);
  }

  async endOffset(): Promise<number> {
    return this.topic.records.length;
  }

  async close(): Promise<void> {
    this.stopListening?.();
    for (const timer of this.timers) clearTimeout(timer);
  }
}
