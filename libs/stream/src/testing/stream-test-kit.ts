/**
 * What the stream specs share: a quiet kafkajs client, topic creation, a raw reader of a topic,
 * and polling for a condition. Specs start the broker themselves (BrokerProcess from
 * libs/testing); this file only needs its address, so the library never depends on libs/testing.
 */
import { ConfluentAvroCodec, InMemorySchemaRegistry } from '@tributary/avro';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { silentLogger, type StreamLogger } from '../stream-logger';

export function kafkaFor(address: string): Kafka {
  return new Kafka({ brokers: [address], clientId: 'stream-spec', logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 } });
}

export function codecWithRegistry(): { registry: InMemorySchemaRegistry; codec: ConfluentAvroCodec } {
  const registry = new InMemorySchemaRegistry();
  return { registry, codec: new ConfluentAvroCodec(registry) };
}

export async function createTopics(kafka: Kafka, names: readonly string[], partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: names.map((topic) => ({ topic, numPartitions: partitions })) });
  } finally {
    await admin.disconnect();
  }
}

export interface RawRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

/** Reads `count` records of a topic from the beginning with a plain kafkajs consumer. */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 20_000): Promise<RawRecord[]> {
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Math.random()}`, maxWaitTimeInMs: 200 });
  const records: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push({ partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers ?? {} });
      },
    });
    await eventually(() => records.length >= count, `${count} records on ${topic}`, timeoutMs);
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** Resolves once `condition` holds, polling; rejects naming what did not happen. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A logger that keeps what it is told, to check what the runner reported. */
export function recordingLogger(): StreamLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (_fields: object, message: string) => void lines.push(`${level}: ${message}`);
  return { ...silentLogger, lines, info: keep('info'), warn: keep('warn'), error: keep('error') };
}

/** Consumer settings that make a spec's group join and leave quickly against the embedded broker. */
export const FAST_CONSUMER = { sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 } as const;

let counter = 0;
/** A fresh resource name (tenant or pipeline) per call, so specs never share topics or groups. */
export function freshName(base: string): string {
  counter += 1;
  return `${base}${counter}${Math.random().toString(36).slice(2, 6).replace(/[^a-z0-9]/g, 'x')}`;
}
