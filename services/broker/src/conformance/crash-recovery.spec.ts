/**
 * The durability promise of acks=-1: an idempotent kafkajs producer writes while the broker is
 * SIGKILLed and restarted several times; afterwards every acknowledged record is there exactly
 * once and in order, and nothing was written twice (retried batches are deduplicated by the
 * producer state the broker rebuilt from its log).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kafka, logLevel } from 'kafkajs';
import { BrokerProcess } from '@tributary/testing';

const PARTITIONS = 3;
const BATCHES = 60;
const PER_BATCH = 50;
let broker: BrokerProcess;

before(async () => {
  broker = await BrokerProcess.start();
});
after(async () => {
  await broker.dispose();
});

test('every record acknowledged with acks=-1 survives SIGKILLs of the broker, once and in order', async () => {
  const kafka = new Kafka({
    brokers: [broker.address], clientId: 'crash-test', logLevel: logLevel.NOTHING,
    retry: { retries: 40, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'crash', numPartitions: PARTITIONS }] });
  await admin.disconnect();

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  const acknowledged: number[] = [];
  const kills: Array<Promise<void>> = [];
  for (let b = 0; b < BATCHES; b++) {
    // Kill while a send is in flight: at batches 15, 30 and 45 the broker dies right after the send starts.
    const messages = Array.from({ length: PER_BATCH }, (_, i) => {
      const n = b * PER_BATCH + i;
      return { partition: n % PARTITIONS, key: String(n), value: String(n) };
    });
    const sending = producer.send({ topic: 'crash', acks: -1, messages });
    if (b % 15 === 0 && b > 0) {
      kills.push((async () => {
        await new Promise((r) => setTimeout(r, 5));
        await broker.kill();
        await new Promise((r) => setTimeout(r, 300));
        await broker.restart();
      })());
    }
    await sending;
    acknowledged.push(...messages.map((m) => Number(m.value)));
    await Promise.all(kills.splice(0));
  }
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: 'crash-check' });
  await consumer.connect();
  await consumer.subscribe({ topic: 'crash', fromBeginning: true });
  const seen = new Map<number, number[]>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${total} records read back`)), 60_000);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        const values = seen.get(partition) ?? [];
        values.push(Number(message.value!.toString()));
        seen.set(partition, values);
        total++;
        if (total >= acknowledged.length) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  // Give any duplicate the chance to arrive before judging.
  await new Promise((r) => setTimeout(r, 1000));
  await consumer.disconnect();

  const all = [...seen.values()].flat();
  assert.equal(new Set(all).size, all.length, 'a record was written twice');
  for (const n of acknowledged) assert.ok(all.includes(n), `acknowledged record ${n} is missing`);
  for (const [partition, values] of seen) {
    assert.deepEqual(values, [...values].sort((a, b) => a - b), `partition ${partition} is out of order`);
  }
});
