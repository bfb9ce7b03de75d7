import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { platformType, type ErrorRecord } from '@tributary/avro';
import { BrokerProcess } from '@tributary/testing';
import { Partitioners, type Kafka } from 'kafkajs';
import { retryLater } from './consumed-record';
import { ConsumerRunner } from './consumer-runner';
import { readDelivery } from './record-headers';
import { createStreamProducer, type StreamProducer } from './stream-producer';
import { codecWithRegistry, createTopics, eventually, FAST_CONSUMER, freshName, kafkaFor, readTopic, recordingLogger } from './testing/stream-test-kit';

const ORDER = { type: 'record', name: 'Order', fields: [{ name: 'orderId', type: 'string' }] };
interface Order { orderId: string }
const UNAVAILABLE = { code: 'HTTP_503', message: 'TAXMAN is unavailable' };

/** A key that murmur2 puts on `partition` of a 2-partition topic. */
function keyOn(partition: number, prefix: string): string {
  const murmur2 = Partitioners.DefaultPartitioner();
  const partitionMetadata = [0, 1].map((partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
  for (let i = 0; ; i++) {
    const key = `${prefix}-${i}`;
    if (murmur2({ topic: 't', partitionMetadata, message: { key, value: null } }) === partition) return key;
  }
}

describe('retries through <p>.retry', () => {
  let broker: BrokerProcess;
  let kafka: Kafka;
  let producer: StreamProducer;
  let runner: ConsumerRunner<Order>;
  const { codec } = codecWithRegistry();
  const prefix = `tributary.acme.${freshName('p')}`;
  const valid = `${prefix}.valid`;
  const retry = `${prefix}.retry`;
  const errors = `${prefix}.errors`;
  /** key -> attempts seen, with the time each was handled and the due time it carried. */
  const attempts = new Map<string, Array<{ attempt: number; at: number; due?: number }>>();
  const slowKey = keyOn(0, 'slow');
  const quickKey = keyOn(1, 'quick');
  let slowAskedAt = 0;

  before(async () => {
    broker = await BrokerProcess.start();
    kafka = kafkaFor(broker.address);
    await createTopics(kafka, [valid, retry, errors], 2);
    producer = createStreamProducer({ kafka, codec });
    await producer.connect();
    runner = new ConsumerRunner<Order>({
      kafka, codec, producer, groupId: `${prefix}.tax-sink`, topics: [valid, retry], stage: 'TAX_SINK',
      consumer: FAST_CONSUMER, topicRefreshMs: 0, logger: recordingLogger(), retry: { maxAttempts: 3 },
      handle: async (record) => {
        const key = record.key!;
        const seen = attempts.get(key) ?? [];
        seen.push({ attempt: record.attempt, at: Date.now(), due: readDelivery(record.headers).retryAt });
        attempts.set(key, seen);
        if (key === slowKey && record.attempt === 1) {
          slowAskedAt = Date.now();
          return retryLater(UNAVAILABLE, 3_000);
        }
        if (key === quickKey && record.attempt === 1) return retryLater(UNAVAILABLE, 300);
        if (key === 'hopeless') return retryLater(UNAVAILABLE, 100);
      },
    });
    await runner.start();
  });
  after(async () => {
    await runner?.stop();
    await producer?.disconnect();
    await broker?.dispose();
  });

  test('a record retried later comes back after its delay with the next attempt number, not before', async () => {
    await producer.publish<Order>(valid, [{ key: slowKey, value: { orderId: slowKey } }, { key: 'after-slow', value: { orderId: 'x' }, partition: 0 }], { schema: ORDER });
    await eventually(() => attempts.get(slowKey)?.length === 2, 'the second attempt', 15_000);
    const [first, second] = attempts.get(slowKey)!;
    assert.equal(first.attempt, 1);
    assert.equal(second.attempt, 2);
    assert.ok(second.due! >= slowAskedAt + 3_000, 'it carries a due time of at least the delay');
    assert.ok(second.at >= second.due!, `handled at ${second.at}, due at ${second.due}: not early`);
    assert.ok(attempts.get('after-slow')![0].at < second.at, 'the record after it in the same partition did not wait for the retry');
  });

  test('a retry that is not due holds only its own partition: a later, shorter retry on another partition overtakes it', async () => {
    attempts.delete(slowKey);
    await producer.publish<Order>(valid, [{ key: slowKey, value: { orderId: slowKey } }], { schema: ORDER });
    await eventually(() => attempts.get(slowKey)?.length === 1, 'the slow key’s first attempt');
    await producer.publish<Order>(valid, [{ key: quickKey, value: { orderId: quickKey } }], { schema: ORDER });
    await producer.publish<Order>(valid, [{ key: 'meanwhile', value: { orderId: 'm' } }], { schema: ORDER });

    await eventually(() => attempts.get(slowKey)?.length === 2, 'the slow key’s retry', 15_000);
    const quickRetry = attempts.get(quickKey)![1];
    const slowRetry = attempts.get(slowKey)![1];
    assert.ok(quickRetry.at < slowRetry.at, 'the quick retry (other partition of <p>.retry) did not wait for the slow one');
    assert.ok(attempts.get('meanwhile')![0].at < slowRetry.at, 'new records were handled while the retry waited');
  });

  test('a record still failing after maxAttempts goes to <p>.errors with its attempt count and reasons', async () => {
    await producer.publish<Order>(valid, [{ key: 'hopeless', value: { orderId: 'h' } }], { schema: ORDER });
    const [raw] = await readTopic(kafka, errors, 1);
    const error = await codec.decodeWith<ErrorRecord>(raw.value!, platformType('error-record'));
    assert.deepEqual(attempts.get('hopeless')!.map((a) => a.attempt), [1, 2, 3]);
    assert.equal(error.attempt, 3);
    assert.equal(error.stage, 'TAX_SINK');
    assert.deepEqual(error.reasons.map((r) => ({ ...r })), [{ ...UNAVAILABLE, field: null }]);
    assert.equal(error.sourceOffset!.topic, retry, 'it failed for good while read from <p>.retry');
    assert.deepEqual({ ...(await codec.decode<object>(error.originalPayload!)) }, { orderId: 'h' }, 'the original payload travelled through the retries unchanged');
  });
});
