/**
 * Moving a kafkajs consumer around: seek forward and back, pause and resume one partition,
 * and start from the offset that ListOffsets finds for a timestamp.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectedProducer, consumeCount, createTopic, waitUntil } from './kafkajs-client';
import { SpecCluster } from './spec-cluster';

const cluster = SpecCluster.forThisFile();

async function produce(topic: string, messages: Array<{ partition: number; value: string; timestamp?: string }>): Promise<void> {
  const producer = await connectedProducer(cluster.kafka);
  await producer.send({ topic, messages });
  await producer.disconnect();
}

test('seek moves a running consumer forward and then back', async () => {
  await createTopic(cluster.kafka, 'seek', 1);
  await produce('seek', Array.from({ length: 20 }, (_, i) => ({ partition: 0, value: `s${i}` })));
  const c = await cluster.consumer('seek-reader');
  await c.subscribe({ topic: 'seek', fromBeginning: true });
  const offsets: number[] = [];
  let seekedBack = false;
  await c.run({
    eachMessage: async ({ message }) => {
      offsets.push(Number(message.offset));
      if (message.offset === '19' && !seekedBack) {
        seekedBack = true;
        c.seek({ topic: 'seek', partition: 0, offset: '3' });
      }
    },
  });
  // kafkajs applies a seek made right after run() before its first fetch.
  c.seek({ topic: 'seek', partition: 0, offset: '12' });
  await waitUntil(() => offsets.filter((o) => o === 19).length === 2, 'offset 19 was read twice');
  const range = (from: number): number[] => Array.from({ length: 20 - from }, (_, i) => from + i);
  assert.deepEqual(offsets, [...range(12), ...range(3)]);
});

test('a paused partition gets no records until it is resumed, while the others flow', async () => {
  await createTopic(cluster.kafka, 'pause', 2);
  const c = await cluster.consumer('pause-reader');
  await c.subscribe({ topic: 'pause', fromBeginning: true });
  let fetches = 0;
  c.on(c.events.FETCH, () => fetches++);
  const received = consumeCount(c, 20);
  await waitUntil(() => fetches > 0, 'the consumer fetched');
  c.pause([{ topic: 'pause', partitions: [0] }]);
  assert.deepEqual(c.paused(), [{ topic: 'pause', partitions: [0] }]);

  const seen: string[] = [];
  c.on(c.events.END_BATCH_PROCESS, ({ payload }) => seen.push(`${payload.partition}:${payload.batchSize}`));
  await produce('pause', Array.from({ length: 20 }, (_, i) => ({ partition: i % 2, value: `p${i}` })));
  await waitUntil(() => seen.some((s) => s.startsWith('1:')), 'partition 1 delivered');
  const fetchesAtFlow = fetches;
  await waitUntil(() => fetches >= fetchesAtFlow + 5, 'five more fetches while partition 0 is paused');
  assert.ok(!seen.some((s) => s.startsWith('0:')), `paused partition 0 delivered records: ${seen.join(', ')}`);

  c.resume([{ topic: 'pause', partitions: [0] }]);
  const records = await received;
  assert.deepEqual(records.filter((r) => r.partition === 0).map((r) => r.offset), [...Array(10).keys()]);
  assert.deepEqual(records.filter((r) => r.partition === 1).map((r) => r.offset), [...Array(10).keys()]);
  const firstOfPartition0 = records.findIndex((r) => r.partition === 0);
  assert.ok(records.slice(firstOfPartition0).length === 10, 'partition 0 arrived only after partition 1, on resume');
});

test('fetchTopicOffsetsByTimestamp finds the first offset at or after a time, and a consumer starts there', async () => {
  await createTopic(cluster.kafka, 'by-time', 2);
  const base = Date.now() - 100_000;
  // Partition 0: ten records 1 s apart. Partition 1: two records, both early.
  await produce('by-time', [
    ...Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `t${i}`, timestamp: String(base + i * 1000) })),
    { partition: 1, value: 'early-0', timestamp: String(base) },
    { partition: 1, value: 'early-1', timestamp: String(base + 1000) },
  ]);
  const admin = cluster.kafka.admin();
  await admin.connect();
  const at = async (ts: number): Promise<string[]> =>
    (await admin.fetchTopicOffsetsByTimestamp('by-time', ts)).sort((a, b) => a.partition - b.partition).map((o) => o.offset);
  assert.deepEqual(await at(base - 1), ['0', '0']);
  assert.deepEqual(await at(base + 5000), ['5', '2'], 'an exact timestamp, and past the end of partition 1 (its high watermark)');
  assert.deepEqual(await at(base + 6500), ['7', '2'], 'between two records: the later one');
  assert.deepEqual(await at(base + 60_000), ['10', '2'], 'after every record: the high watermarks');

  const start = await admin.fetchTopicOffsetsByTimestamp('by-time', base + 6500);
  await admin.disconnect();
  const c = await cluster.consumer('by-time-reader');
  await c.subscribe({ topic: 'by-time', fromBeginning: true });
  const reading = consumeCount(c, 3);
  for (const { partition, offset } of start) c.seek({ topic: 'by-time', partition, offset });
  const records = await reading;
  assert.deepEqual(records.map((r) => [r.partition, r.value!.toString()]), [[0, 't7'], [0, 't8'], [0, 't9']]);
});
