import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BrokerProcess } from '@tributary/testing';
import type { Kafka } from 'kafkajs';
import { PAUSE_PARTITION, type RecordHandler } from './consumed-record';
import { ConsumerRunner } from './consumer-runner';
import { createStreamProducer, type StreamProducer } from './stream-producer';
import { codecWithRegistry, createTopics, eventually, FAST_CONSUMER, freshName, kafkaFor, readTopic, recordingLogger } from './testing/stream-test-kit';

const ORDER = { type: 'record', name: 'Order', fields: [{ name: 'orderId', type: 'string' }, { name: 'version', type: 'int' }] };
interface Order { orderId: string; version: number }

describe('ConsumerRunner with several records of a partition in flight', () => {
  let broker: BrokerProcess;
  let kafka: Kafka;
  let producer: StreamProducer;
  const { codec } = codecWithRegistry();
  const runners: ConsumerRunner<Order>[] = [];

  before(async () => {
    broker = await BrokerProcess.start();
    kafka = kafkaFor(broker.address);
    producer = createStreamProducer({ kafka, codec });
    await producer.connect();
  });
  after(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await producer?.disconnect();
    await broker?.dispose();
  });

  async function runner(topic: string, handle: RecordHandler<Order>, inFlight: number): Promise<ConsumerRunner<Order>> {
    const r = new ConsumerRunner<Order>({ kafka, codec, producer, groupId: `${topic}.g`, topics: [topic], stage: 'VALIDATE', handle, consumer: FAST_CONSUMER, topicRefreshMs: 0, logger: recordingLogger(), inFlight });
    runners.push(r);
    await r.start();
    return r;
  }

  test('overlaps records of different keys, keeps each key in order, and commits only what is done', async () => {
    const prefix = `tributary.acme.${freshName('p')}`;
    const topic = `${prefix}.mapped`;
    await createTopics(kafka, [topic, `${prefix}.errors`, `${prefix}.retry`, `${prefix}.valid`], 1);
    const keys = Array.from({ length: 20 }, (_, i) => `order-${i}`);
    for (let version = 0; version < 10; version++) await producer.publish<Order>(topic, keys.map((orderId) => ({ key: orderId, value: { orderId, version } })), { schema: ORDER });

    const seen = new Map<string, number[]>();
    let active = 0;
    let most = 0;
    const r = await runner(topic, async (record) => {
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setTimeout(resolve, 1 + (record.value!.version % 3)));
      const list = seen.get(record.key!) ?? [];
      list.push(record.value!.version);
      seen.set(record.key!, list);
      // Each handler awaits its own publish, as a stage does; the send queue batches them.
      await producer.publish(`${prefix}.valid`, [{ key: record.key, value: record.value }], { schema: ORDER });
      active--;
    }, 16);
    await eventually(() => [...seen.values()].reduce((n, l) => n + l.length, 0) === 200, 'every record handled');
    for (const key of keys) assert.deepEqual(seen.get(key), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], `${key} in order`);
    assert.ok(most > 1 && most <= 16, `between 2 and 16 at once, saw ${most}`);
    assert.equal((await readTopic(kafka, `${prefix}.valid`, 200)).length, 200);
    await r.stop();
    const admin = kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId: `${topic}.g`, topics: [topic] });
    await admin.disconnect();
    assert.equal(offsets.partitions[0].offset, '200');
  });

  test('a record that pauses its partition is delivered again after resume, with nothing lost', async () => {
    const prefix = `tributary.acme.${freshName('p')}`;
    const topic = `${prefix}.mapped`;
    await createTopics(kafka, [topic, `${prefix}.errors`, `${prefix}.retry`], 1);
    await producer.publish<Order>(topic, Array.from({ length: 50 }, (_, i) => ({ key: `k-${i}`, value: { orderId: `k-${i}`, version: 0 } })), { schema: ORDER });
    const done = new Set<string>();
    let pausedOnce = false;
    const r = await runner(topic, async (record) => {
      if (record.key === 'k-20' && !pausedOnce) {
        pausedOnce = true;
        return PAUSE_PARTITION;
      }
      done.add(record.key!);
    }, 8);
    await eventually(() => pausedOnce && r.paused().length === 1, 'the partition paused');
    r.resume(r.paused());
    await eventually(() => done.size === 50, 'all 50 handled after resume');
  });
});
