/**
 * Reads a topic from the beginning with a kafkajs group consumer until `count` records have
 * arrived, for conformance tests where another client wrote them. A fresh group id each call,
 * so nothing committed earlier moves the start.
 */
import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';

export interface ConsumedRecord {
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: IHeaders;
}

export async function consumeAll(kafka: Kafka, topic: string, count: number, timeoutMs = 30_000): Promise<ConsumedRecord[]> {
  const consumer = kafka.consumer({ groupId: `consume-all-${randomUUID()}`, sessionTimeout: 10_000, heartbeatInterval: 500 });
  const records: ConsumedRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${records.length} of ${count} records of ${topic} arrived`)), timeoutMs);
      if (count === 0) return (clearTimeout(timer), resolve());
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          records.push({
            partition, offset: Number(message.offset), timestamp: Number(message.timestamp),
            key: message.key, value: message.value, headers: message.headers ?? {},
          });
          if (records.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
