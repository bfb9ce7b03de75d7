import { randomUUID } from 'node:crypto';
import { readPlatformSchema, type ConfluentAvroCodec } from '@tributary/avro';
import { INTERNAL_TOPICS } from '@tributary/pipeline-spec';
import type { StreamLogger, StreamProducer } from '@tributary/stream';
import type { Admin, Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import { cursorKeyText, type CursorKey, type StoredCursor } from './stored-cursor';

/** Where runs keep their source cursors. */
export interface CursorStore {
  /** The latest cursor committed for the stream, by any runner instance; undefined if none. */
  latest(key: CursorKey): Promise<StoredCursor | undefined>;
  /** Writes the cursor and resolves once Kafka acknowledged it (acks -1). */
  commit(cursor: StoredCursor): Promise<void>;
}

export interface KafkaCursorStoreOptions {
  readonly kafka: Kafka;
  readonly codec: ConfluentAvroCodec;
  readonly producer: StreamProducer;
  readonly topic?: string;
  /** How long latest() waits for the topic to be read to its end before it gives up. */
  readonly catchUpTimeoutMs?: number;
  readonly consumer?: Omit<ConsumerConfig, 'groupId'>;
  readonly logger?: StreamLogger;
}

/**
 * Cursors on the compacted `_tributary.connector-offsets` topic, read the way Kafka Connect reads
 * its offsets topic (KafkaOffsetBackingStore): every instance keeps the whole topic in memory,
 * latest value per key, and a read first catches up to the end offsets of the moment it is
 * asked, so it sees every cursor committed before, by any instance. The table is as large as
 * the number of streams, not of records: compaction keeps one cursor per key.
 *
 * kafkajs has no manual partition assignment, so the reader is a consumer of a group of its own
 * (a fresh id per instance, offsets never committed), which Kafka forgets once it is empty.
 */
export class KafkaCursorStore implements CursorStore {
  private readonly topic: string;
  private readonly cursors = new Map<string, StoredCursor>();
  /** Next offset to read, per partition, as far as the reader got. */
  private readonly positions = new Map<number, bigint>();
  private readonly admin: Admin;
  private consumer: Consumer | null = null;
  private failure: Error | null = null;

  constructor(private readonly options: KafkaCursorStoreOptions) {
    this.topic = options.topic ?? INTERNAL_TOPICS.connectorOffsets;
    this.admin = options.kafka.admin();
  }

  async start(): Promise<void> {
    await this.admin.connect();
    const consumer = this.options.kafka.consumer({ maxWaitTimeInMs: 200, ...this.options.consumer, groupId: `_tributary.connector-runner.cursors.${randomUUID()}` });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.failure = payload.error;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatch: (payload) => this.read(payload) });
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = null;
    await this.admin.disconnect().catch(() => undefined);
  }

  async latest(key: CursorKey): Promise<StoredCursor | undefined> {
    await this.catchUp();
    return this.cursors.get(cursorKeyText(key));
  }

  async commit(cursor: StoredCursor): Promise<void> {
    const key = cursorKeyText(cursor);
    await this.options.producer.publish(this.topic, [{ key, value: cursor }], { schema: readPlatformSchema('connector-cursor') });
    this.cursors.set(key, cursor);
  }

  /** Resolves once the reader has read every record written to the topic before this call. */
  private async catchUp(): Promise<void> {
    const ends = await this.admin.fetchTopicOffsets(this.topic);
    const deadline = Date.now() + (this.options.catchUpTimeoutMs ?? 30_000);
    const behind = () => ends.filter((p) => BigInt(p.high) > BigInt(p.low) && (this.positions.get(p.partition) ?? 0n) < BigInt(p.high));
    while (behind().length > 0) {
      if (this.failure) throw new Error(`the cursor topic ${this.topic} cannot be read: ${this.failure.message}`, { cause: this.failure });
      if (this.consumer === null) throw new Error(`the cursor store of ${this.topic} is not started`);
      if (Date.now() > deadline) {
        throw new Error(`the cursor topic ${this.topic} was not read to its end within ${this.options.catchUpTimeoutMs ?? 30_000} ms (partitions ${behind().map((p) => p.partition).join(', ')} behind)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async read({ batch, heartbeat }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) {
      const key = message.key?.toString('utf8');
      if (key !== undefined) {
        if (message.value === null) this.cursors.delete(key);
        else {
          try {
            const cursor = await this.options.codec.decode<StoredCursor>(message.value);
            // A commit of this instance may be newer than what the reader reaches now.
            const known = this.cursors.get(key);
            if (!known || known.updatedAt.getTime() <= cursor.updatedAt.getTime()) this.cursors.set(key, cursor);
          } catch (error) {
            this.options.logger?.warn({ err: error, partition: batch.partition, offset: message.offset }, 'a cursor on the offsets topic does not decode; it is passed over');
          }
        }
      }
      this.positions.set(batch.partition, BigInt(message.offset) + 1n);
    }
    await heartbeat();
  }
}
