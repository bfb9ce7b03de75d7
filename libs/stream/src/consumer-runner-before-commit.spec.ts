import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BrokerProcess } from '@tributary/testing';
import type { Kafka } from 'kafkajs';
import { ConsumerRunner } from './consumer-runner';
import { createStreamProducer, type StreamProducer } from './stream-producer';
import { codecWithRegistry, createTopics, eventually, FAST_CONSUMER, freshName, kafkaFor, recordingLogger } from './testing/stream-test-kit';

const ORDER = { type: 'record', name: 'Order', fields: [{ name: 'orderId', type: 'string' }] };
interface Order { orderId: string }

describe("a ConsumerRunner's beforeCommit", () => {
  let broker: BrokerProcess;
  let kafka: Kafka;
  let producer: StreamProducer;
  const { codec } = codecWithRegistry();
  const topic = `tributary.acme.${freshName('p')}.mapped`;
  const groupId = `${topic}.validator`;

  before(async () => {
    broker = await BrokerProcess.start();
    kafka = kafkaFor(broker.address);
    await createTopics(kafka, [topic], 1);
    producer = createStreamProducer({ kafka, codec });
    await producer.connect();
  });
  after(async () => {
    await producer?.disconnect();
    await broker?.dispose();
  });

  async function committed(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Number(entry.partitions[0].offset);
    } finally {
      await admin.disconnect();
    }
  }

  test('runs once the batch is handled and before its offsets are committed: nothing is committed while it is under way', async () => {
    await producer.publish<Order>(topic, Array.from({ length: 10 }, (_, i) => ({ key: `k-${i}`, value: { orderId: `o-${i}` } })), { schema: ORDER });
    const handled: string[] = [];
    const calls: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runner = new ConsumerRunner<Order>({
      kafka, codec, producer, groupId, topics: [topic], stage: 'VALIDATE', consumer: FAST_CONSUMER, topicRefreshMs: 0, logger: recordingLogger(),
      handle: async (record) => void handled.push(record.value!.orderId),
      beforeCommit: async () => {
        calls.push(handled.length);
        if (calls.length === 1) await held;
      },
    });
    await runner.start();
    try {
      await eventually(() => calls.length === 1, 'the first batch handled');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await committed(), -1, 'nothing committed while beforeCommit is under way');
      release();
      await eventually(async () => (await committed()) === 10, 'the batch committed once beforeCommit is done');
      assert.ok(calls[0] > 0, 'beforeCommit came after the batch was handled');
    } finally {
      await runner.stop();
    }
  });

  test('a beforeCommit that fails is logged and the batch is committed all the same', async () => {
    const group = `${groupId}.failing`;
    const logger = recordingLogger();
    const runner = new ConsumerRunner<Order>({
      kafka, codec, producer, groupId: group, topics: [topic], stage: 'VALIDATE', consumer: FAST_CONSUMER, topicRefreshMs: 0, logger,
      handle: async () => undefined,
      beforeCommit: async () => {
        throw new Error('the run counts could not be sent');
      },
    });
    await runner.start();
    try {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await eventually(async () => Number((await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0].partitions[0].offset) === 10, 'committed');
      } finally {
        await admin.disconnect();
      }
      assert.ok(logger.lines.some((l) => l.startsWith('warn: the before-commit step failed')), JSON.stringify(logger.lines));
    } finally {
      await runner.stop();
    }
  });
});
