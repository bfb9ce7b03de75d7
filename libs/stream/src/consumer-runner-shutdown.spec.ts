import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BrokerProcess } from '@tributary/testing';
import type { Kafka } from 'kafkajs';
import type { ConsumedRecord } from './consumed-record';
import { ConsumerRunner } from './consumer-runner';
import { createStreamProducer, type StreamProducer } from './stream-producer';
import { codecWithRegistry, createTopics, eventually, FAST_CONSUMER, freshName, kafkaFor, recordingLogger } from './testing/stream-test-kit';

const ORDER = { type: 'record', name: 'Order', fields: [{ name: 'orderId', type: 'string' }] };
interface Order { orderId: string }

describe('graceful shutdown of a ConsumerRunner, and what it commits', () => {
  let broker: BrokerProcess;
  let kafka: Kafka;
  let producer: StreamProducer;
  const { codec } = codecWithRegistry();
  const topic = `tributary.acme.${freshName('p')}.mapped`;
  const groupId = `${topic}.validator`;

  before(async () => {
    broker = await BrokerProcess.start();
    kafka = kafkaFor(broker.address);
    await createTopics(kafka, [topic], 2);
    producer = createStreamProducer({ kafka, codec });
    await producer.connect();
  });
  after(async () => {
    await producer?.disconnect();
    await broker?.dispose();
  });

  const runner = (handle: (record: ConsumedRecord<Order>) => Promise<void>) =>
    new ConsumerRunner<Order>({
      kafka, codec, producer, groupId, topics: [topic], stage: 'VALIDATE', handle,
      concurrency: 2, consumer: FAST_CONSUMER, topicRefreshMs: 0, logger: recordingLogger(),
    });
  const id = (record: ConsumedRecord<Order>) => `${record.partition}@${record.offset}`;

  test('finishes the record in hand, commits exactly what was handled, and the next member gets the rest: none lost, none twice', async () => {
    const total = 60;
    await producer.publish<Order>(topic, Array.from({ length: total }, (_, i) => ({ key: `order-${i % 7}`, value: { orderId: `o-${i}` } })), { schema: ORDER });

    const first: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inHand: string | undefined;
    const one = runner(async (record) => {
      if (first.length === 15 && inHand === undefined) {
        inHand = id(record);
        await gate; // still being handled when stop() is called
      }
      first.push(id(record));
    });
    await one.start();
    await eventually(() => inHand !== undefined, 'the 16th record in hand');

    let stopped = false;
    const stopping = one.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(stopped, false, 'stop waits for the record in hand');
    release();
    await stopping;
    assert.ok(first.includes(inHand!), 'the record in hand was finished');
    const handledBeforeStop = first.length;

    const committed = await committedOffsets();
    for (const partition of [0, 1]) {
      const handledHere = first.filter((r) => r.startsWith(`${partition}@`)).map((r) => Number(r.split('@')[1]));
      const expected = handledHere.length === 0 ? -1 : Math.max(...handledHere) + 1;
      assert.equal(committed.get(partition) ?? -1, expected, `partition ${partition}: committed offset is the one after the last handled record`);
      assert.deepEqual(handledHere, Array.from({ length: handledHere.length }, (_, i) => i), `partition ${partition}: handled from the start, none skipped`);
    }
    assert.ok(handledBeforeStop < total, 'the stop came before the end, so there is a rest to hand over');

    const second: string[] = [];
    const two = runner(async (record) => void second.push(id(record)));
    await two.start();
    try {
      await eventually(() => first.length + second.length >= total, 'the rest handled by the next member');
      await new Promise((resolve) => setTimeout(resolve, 300)); // any redelivery would show up now
    } finally {
      await two.stop();
    }
    assert.equal(first.length, handledBeforeStop, 'the stopped runner handled nothing more');
    assert.deepEqual(second.filter((r) => first.includes(r)), [], 'nothing handled twice');
    assert.equal(new Set([...first, ...second]).size, total, 'nothing lost');
  });

  test("beforeCommit runs once a batch is handled and before its offsets are committed: nothing is committed while it is under way", async () => {
    const own = await topicOfTen();
    let handled = 0;
    const calls: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = new ConsumerRunner<Order>({
      kafka, codec, producer, groupId: `${own}.validator`, topics: [own], stage: 'VALIDATE', consumer: FAST_CONSUMER, topicRefreshMs: 0, logger: recordingLogger(),
      handle: async () => void handled++,
      beforeCommit: async () => {
        calls.push(handled);
        if (calls.length === 1) await held;
      },
    });
    await holding.start();
    try {
      await eventually(() => calls.length === 1, 'the first batch handled');
      assert.ok(calls[0] > 0, 'beforeCommit came after the batch was handled');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal((await committedOffsets(`${own}.validator`, own)).get(0) ?? -1, -1, 'nothing committed while beforeCommit is under way');
      release();
      await eventually(async () => (await committedOffsets(`${own}.validator`, own)).get(0) === 10, 'the batch committed once beforeCommit is done');
    } finally {
      await holding.stop();
    }
  });

  test('a beforeCommit that fails is logged, and the batch is committed all the same', async () => {
    const own = await topicOfTen();
    const logger = recordingLogger();
    const failing = new ConsumerRunner<Order>({
      kafka, codec, producer, groupId: `${own}.validator`, topics: [own], stage: 'VALIDATE', consumer: FAST_CONSUMER, topicRefreshMs: 0, logger,
      handle: async () => undefined,
      beforeCommit: async () => {
        throw new Error('the run counts could not be sent');
      },
    });
    await failing.start();
    try {
      await eventually(async () => (await committedOffsets(`${own}.validator`, own)).get(0) === 10, 'every record committed');
      assert.ok(logger.lines.some((l) => l.startsWith('warn: the before-commit step failed')), JSON.stringify(logger.lines));
    } finally {
      await failing.stop();
    }
  });

  /** A fresh one-partition topic holding ten orders. */
  async function topicOfTen(): Promise<string> {
    const own = `tributary.acme.${freshName('p')}.mapped`;
    await createTopics(kafka, [own], 1);
    await producer.publish<Order>(own, Array.from({ length: 10 }, (_, i) => ({ key: `k-${i}`, value: { orderId: `o-${i}` } })), { schema: ORDER });
    return own;
  }

  async function committedOffsets(group = groupId, of = topic): Promise<Map<number, number>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [entry] = await admin.fetchOffsets({ groupId: group, topics: [of] });
      return new Map(entry.partitions.map((p) => [p.partition, Number(p.offset)]));
    } finally {
      await admin.disconnect();
    }
  }
});
