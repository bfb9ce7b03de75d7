import { randomUUID } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';

/** One record read, decoded once into the text frame every subscriber is sent. */
export interface ReadRecord {
  readonly partition: number;
  readonly offset: bigint;
  readonly frame: string;
}

export interface TopicReaderOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  /** Group ids are `<groupPrefix>.<uuid>`: each reader has every partition to itself. */
  readonly groupPrefix: string;
  /** Where each partition starts; partitions not listed are not read. */
  readonly start: ReadonlyMap<number, bigint>;
  readonly frameOf: (partition: number, offset: string, key: Buffer | null, value: Buffer | null) => Promise<string>;
  /**
   * The records of one fetch of one partition, in order. Return how many were taken: fewer than
   * given stops this batch there (back-pressure), and they are read again after `resume`.
   */
  readonly onRecords: (partition: number, records: readonly ReadRecord[], highWatermark: bigint) => number;
  /** The reader stopped for good (kafkajs will not restart it). */
  readonly onError: (error: Error) => void;
}

/**
 * A kafkajs consumer reading one topic from chosen offsets, for the gateway's own use: a group
 * of its own per reader (so it gets every partition, whatever other gateway instances do),
 * never committing (positions are the clients', not the gateway's), seeking each partition to
 * its start when assigned. Kafka has no group-less fetch in kafkajs; a private group per reader
 * is the way to read partitions from offsets of one's choosing.
 */
export class TopicReader {
  private consumer: Consumer | undefined;
  private readonly paused = new Set<number>();
  /** The next offset to read per partition: where a rejoin (which forgets seeks) continues. */
  private readonly next: Map<number, bigint>;

  constructor(private readonly options: TopicReaderOptions) {
    this.next = new Map(options.start);
  }

  async start(): Promise<void> {
    const { kafka, topic, groupPrefix, start } = this.options;
    const consumer = kafka.consumer({ groupId: `${groupPrefix}.${randomUUID()}`, maxWaitTimeInMs: 250, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    this.consumer = consumer;
    // kafkajs restarts the consumer itself after a retriable crash; any other ends this reader.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.options.onError(payload.error);
    });
    // Registered before run: the first join happens inside it. kafkajs forgets pauses across a
    // rejoin, so they are applied again on every join.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assigned = payload.memberAssignment[topic] ?? [];
      const held = assigned.filter((p) => !start.has(p) || this.paused.has(p));
      if (held.length > 0) consumer.pause([{ topic, partitions: held }]);
      for (const [partition, offset] of this.next) if (assigned.includes(partition)) consumer.seek({ topic, partition, offset: offset.toString() });
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1, eachBatch: (payload) => this.batch(payload) });
  }

  pause(partition: number): void {
    this.paused.add(partition);
    this.consumer?.pause([{ topic: this.options.topic, partitions: [partition] }]);
  }

  resume(partition: number): void {
    this.paused.delete(partition);
    this.consumer?.resume([{ topic: this.options.topic, partitions: [partition] }]);
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
  }

  private async batch({ batch, resolveOffset, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0 || !this.next.has(batch.partition)) return;
    const records: ReadRecord[] = [];
    for (const message of batch.messages) {
      records.push({ partition: batch.partition, offset: BigInt(message.offset), frame: await this.options.frameOf(batch.partition, message.offset, message.key, message.value) });
    }
    const taken = this.options.onRecords(batch.partition, records, BigInt(batch.highWatermark));
    if (taken === 0) return;
    resolveOffset(batch.messages[taken - 1].offset);
    this.next.set(batch.partition, records[taken - 1].offset + 1n);
  }
}
