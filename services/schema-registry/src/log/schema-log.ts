/**
 * The `_schemas` topic as the registry uses it: one ordered log that every instance reads from
 * the beginning and appends to. KafkaSchemaLog is the real one; InMemorySchemaLog stands in for
 * it in tests that need to interleave several instances' writes exactly.
 */
export interface SchemaLogRecord {
  readonly offset: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

export interface SchemaLog {
  /**
   * Delivers every record from the first, in order and each once, to `onRecords`, then keeps
   * delivering new ones. `nextOffset` is where reading continues: past the batch's last offset,
   * even where compaction left gaps.
   */
  start(onRecords: (records: readonly SchemaLogRecord[], nextOffset: number) => void): Promise<void>;
  /** Appends one record once it is durable (acks=all) and resolves with its offset. */
  append(key: Buffer, value: Buffer | null): Promise<number>;
  /** The offset the next appended record will get (the high watermark): read up to it and you have seen every acknowledged write. */
  endOffset(): Promise<number>;
  close(): Promise<void>;
}
