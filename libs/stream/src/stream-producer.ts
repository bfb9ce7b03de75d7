import type { ConfluentAvroCodec } from '@tributary/avro';
import { Partitioners, type IHeaders, type Kafka, type Message, type Producer, type ProducerConfig, type RecordMetadata } from 'kafkajs';
import { writeRecordHeaders, type RecordContext } from './record-headers';
import { createSendQueue } from './send-queue';

/** A record to publish: its value is encoded with the topic's schema (subject `<topic>-value`). */
export interface OutgoingRecord<T> {
  /** The record key (e.g. the order id): one key's records share a partition and keep their order. */
  readonly key?: string | Buffer | null;
  /** Null writes a tombstone. */
  readonly value: T | null;
  readonly context?: RecordContext;
  readonly partition?: number;
}

/** A record whose value is already Confluent-framed Avro: a record forwarded as received. */
export interface EncodedRecord {
  readonly key: string | Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
  readonly partition?: number;
}

export interface PublishOptions {
  /**
   * The value schema; registered under `<topic>-value` on first use (the registry answers with
   * the existing id if it has it, and refuses an incompatible one). Without it the subject's
   * latest registered version is used, and a subject with none is an error.
   */
  readonly schema?: string | object;
}

export interface StreamProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Encodes every record, then sends them in one request; a value that does not encode sends nothing. */
  publish<T>(topic: string, records: readonly OutgoingRecord<T>[], options?: PublishOptions): Promise<RecordMetadata[]>;
  publishEncoded(topic: string, records: readonly EncodedRecord[]): Promise<RecordMetadata[]>;
}

export interface StreamProducerOptions {
  readonly kafka: Kafka;
  readonly codec: ConfluentAvroCodec;
  /** kafkajs producer settings; idempotence and the Java-compatible partitioner are the defaults. */
  readonly producer?: ProducerConfig;
}

export class PublishError extends Error {
  override readonly name = 'PublishError';
}

/** Subject of a topic's values: Confluent's topic-name strategy. */
export function valueSubjectOf(topic: string): string {
  return `${topic}-value`;
}

/**
 * The producer every stage writes with. Idempotent (one in-flight request, sequence numbers) so a
 * retried send neither duplicates nor reorders a key's records; murmur2 partitioning so a key
 * lands on the partition a Java or librdkafka producer would pick for it.
 */
export function createStreamProducer({ kafka, codec, producer: config = {} }: StreamProducerOptions): StreamProducer {
  const producer: Producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    ...config,
  });
  /** Schema text registered per subject by this producer, so each is registered once. */
  const registered = new Map<string, string>();

  async function ensureRegistered(subject: string, schema: string | object): Promise<void> {
    const text = typeof schema === 'string' ? schema : JSON.stringify(schema);
    if (registered.get(subject) === text) return;
    await codec.register(subject, text);
    registered.set(subject, text);
  }

  const enqueue = createSendQueue(producer);
  async function send(topic: string, messages: Message[]): Promise<RecordMetadata[]> {
    if (messages.length === 0) return [];
    return enqueue(topic, messages);
  }

  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),

    async publish<T>(topic: string, records: readonly OutgoingRecord<T>[], options: PublishOptions = {}) {
      assertTopic(topic);
      const subject = valueSubjectOf(topic);
      if (options.schema !== undefined) await ensureRegistered(subject, options.schema);
      const messages: Message[] = [];
      for (const [index, record] of records.entries()) {
        let value: Buffer | null = null;
        let headers: IHeaders;
        try {
          if (record.value !== null) value = await codec.encode(subject, record.value);
          headers = writeRecordHeaders(record.context ?? {});
        } catch (error) {
          throw new PublishError(`record ${index} for ${topic} was not published: ${(error as Error).message}`, { cause: error });
        }
        messages.push({ key: record.key ?? null, value, headers, ...(record.partition !== undefined && { partition: record.partition }) });
      }
      return send(topic, messages);
    },

    async publishEncoded(topic: string, records: readonly EncodedRecord[]) {
      assertTopic(topic);
      return send(
        topic,
        records.map((r) => ({ key: r.key, value: r.value, headers: r.headers, ...(r.partition !== undefined && { partition: r.partition }) })),
      );
    },
  };
}

function assertTopic(topic: string): void {
  if (typeof topic !== 'string' || topic.length === 0) throw new PublishError(`a topic name is non-empty text, got ${JSON.stringify(topic)}`);
}
