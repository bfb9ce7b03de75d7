/**
 * kafkajs producer and consumer against our broker: what goes in comes out byte for byte, in
 * order per partition, with every acks setting and with gzip, through eachMessage and eachBatch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CompressionTypes } from 'kafkajs';
import { COMPRESSION, parseBatchHeader, splitBatches } from '@tributary/kafka-protocol';
import { connectedProducer, consumeCount, createTopic, fetchRawRecords, sleep, waitUntil } from './kafkajs-client';
import { SpecCluster } from './spec-cluster';

const cluster = SpecCluster.forThisFile();

test('keys, values and headers come back byte-exact and in order across four partitions', async () => {
  await createTopic(cluster.kafka, 'roundtrip', 4);
  const sent = Array.from({ length: 80 }, (_, i) => ({
    partition: i % 4,
    // Every byte value, empty buffers and a null key all have to survive.
    key: i % 10 === 0 ? null : randomBytes(i % 7),
    value: i % 13 === 0 ? Buffer.alloc(0) : randomBytes(1 + ((i * 37) % 300)),
    timestamp: String(1_700_000_000_000 + i),
    headers: { 'tributary-run': `run-${i}`, binary: randomBytes(8), repeated: [Buffer.from('one'), Buffer.from('two')] },
  }));
  const producer = await connectedProducer(cluster.kafka);
  await producer.send({ topic: 'roundtrip', messages: sent.slice(0, 40) });
  await producer.send({ topic: 'roundtrip', messages: sent.slice(40) });
  await producer.disconnect();

  const c = await cluster.consumer('roundtrip-reader');
  await c.subscribe({ topic: 'roundtrip', fromBeginning: true });
  const received = await consumeCount(c, sent.length);
  for (let partition = 0; partition < 4; partition++) {
    const expected = sent.filter((m) => m.partition === partition);
    const got = received.filter((r) => r.partition === partition);
    assert.deepEqual(got.map((r) => r.offset), expected.map((_, i) => i), `partition ${partition} offsets`);
    got.forEach((r, i) => {
      const m = expected[i];
      assert.deepEqual(r.key, m.key, `key at ${partition}/${i}`);
      assert.deepEqual(r.value, m.value, `value at ${partition}/${i}`);
      assert.equal(r.timestamp, Number(m.timestamp));
      assert.deepEqual(r.headers['tributary-run'], Buffer.from(m.headers['tributary-run']));
      assert.deepEqual(r.headers.binary, m.headers.binary);
      assert.deepEqual(r.headers.repeated, m.headers.repeated);
    });
  }
});

test('fromBeginning true reads old records, fromBeginning false only records produced after joining', async () => {
  await createTopic(cluster.kafka, 'from-beginning', 1);
  const producer = await connectedProducer(cluster.kafka);
  await producer.send({ topic: 'from-beginning', messages: ['old-1', 'old-2', 'old-3'].map((value) => ({ value })) });

  const early = await cluster.consumer('from-beginning-true');
  await early.subscribe({ topic: 'from-beginning', fromBeginning: true });
  const late = await cluster.consumer('from-beginning-false');
  await late.subscribe({ topic: 'from-beginning', fromBeginning: false });
  // The "latest" offset is resolved at the first fetch after joining; produce only after it.
  let lateFetched = false;
  late.on(late.events.FETCH, () => (lateFetched = true));
  const earlyReceived = consumeCount(early, 5);
  const lateReceived = consumeCount(late, 2);
  await waitUntil(() => lateFetched, 'the late consumer fetched once');
  await producer.send({ topic: 'from-beginning', messages: ['new-1', 'new-2'].map((value) => ({ value })) });
  await producer.disconnect();

  assert.deepEqual((await earlyReceived).map((r) => r.value!.toString()), ['old-1', 'old-2', 'old-3', 'new-1', 'new-2']);
  assert.deepEqual((await lateReceived).map((r) => r.value!.toString()), ['new-1', 'new-2']);
  assert.deepEqual((await lateReceived).map((r) => r.offset), [3, 4]);
});

test('records sent with acks 0, 1 and -1 are all written, and acks 1 and -1 report their offsets', async () => {
  await createTopic(cluster.kafka, 'acks', 1);
  const producer = await connectedProducer(cluster.kafka);
  const none = await producer.send({ topic: 'acks', acks: 0, messages: [{ value: 'acks-0' }] });
  assert.deepEqual(none, [], 'acks=0 gets no answer to report');
  const leader = await producer.send({ topic: 'acks', acks: 1, messages: [{ value: 'acks-1' }] });
  const all = await producer.send({ topic: 'acks', acks: -1, messages: [{ value: 'acks-all-a' }, { value: 'acks-all-b' }] });
  await producer.disconnect();
  // Answers come in request order, so the acks=0 record is in before the acks=1 answer.
  assert.deepEqual(leader.map((r) => [r.errorCode, r.baseOffset]), [[0, '1']]);
  assert.deepEqual(all.map((r) => [r.errorCode, r.baseOffset]), [[0, '2']]);

  const c = await cluster.consumer('acks-reader');
  await c.subscribe({ topic: 'acks', fromBeginning: true });
  const received = await consumeCount(c, 4);
  assert.deepEqual(received.map((r) => r.value!.toString()), ['acks-0', 'acks-1', 'acks-all-a', 'acks-all-b']);
});

test('a gzip batch is stored and served still compressed, and kafkajs reads its records back', async () => {
  await createTopic(cluster.kafka, 'gzip', 1);
  const values = Array.from({ length: 50 }, (_, i) => `compressible record ${i} `.repeat(20));
  const producer = await connectedProducer(cluster.kafka);
  await producer.send({ topic: 'gzip', compression: CompressionTypes.GZIP, messages: values.map((value, i) => ({ key: `k${i}`, value })) });
  await producer.disconnect();

  const raw = await fetchRawRecords(cluster.broker.address, 'gzip', 0, 0);
  const batches = splitBatches(raw);
  assert.equal(batches.length, 1);
  const header = parseBatchHeader(batches[0].bytes);
  assert.equal(header.compression, COMPRESSION.GZIP);
  assert.equal(header.recordCount, 50);
  assert.ok(raw.length < values.join('').length / 5, `gzip batch of ${raw.length} bytes is not compressed`);

  const c = await cluster.consumer('gzip-reader');
  await c.subscribe({ topic: 'gzip', fromBeginning: true });
  const received = await consumeCount(c, 50);
  assert.deepEqual(received.map((r) => r.value!.toString()), values);
  assert.deepEqual(received.map((r) => r.key!.toString()), values.map((_, i) => `k${i}`));
  assert.deepEqual(received.map((r) => r.offset), values.map((_, i) => i));
});

test('eachBatch gets every record with its partition, offsets and high watermark', async () => {
  await createTopic(cluster.kafka, 'each-batch', 3);
  const producer = await connectedProducer(cluster.kafka);
  const sent = Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, value: `b${i}` }));
  await producer.send({ topic: 'each-batch', messages: sent });
  await producer.disconnect();

  const c = await cluster.consumer('each-batch-reader');
  await c.subscribe({ topic: 'each-batch', fromBeginning: true });
  const seen = new Map<number, string[]>();
  const highWatermarks = new Map<number, string>();
  await c.run({
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (const message of batch.messages) {
        seen.set(batch.partition, [...(seen.get(batch.partition) ?? []), `${message.offset}:${message.value!.toString()}`]);
        resolveOffset(message.offset);
      }
      highWatermarks.set(batch.partition, batch.highWatermark);
      await heartbeat();
    },
  });
  await waitUntil(() => [...seen.values()].flat().length >= 30, 'eachBatch saw 30 records');
  await sleep(300); // room for a duplicate to show up
  for (let partition = 0; partition < 3; partition++) {
    const expected = sent.filter((m) => m.partition === partition).map((m, i) => `${i}:${m.value}`);
    assert.deepEqual(seen.get(partition), expected, `partition ${partition}`);
    assert.equal(highWatermarks.get(partition), '10');
  }
});
