/**
 * Topic settings and limits seen through kafkajs: LogAppendTime, max.message.bytes, fetch
 * limits below one batch, and segments small enough that every read crosses one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connectedProducer, consumeCount, createTopic, fetchRawRecords } from './kafkajs-client';
import { SpecCluster } from './spec-cluster';

const cluster = SpecCluster.forThisFile();

test('a LogAppendTime topic stamps records with the broker\'s clock instead of the producer\'s', async () => {
  const admin = cluster.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'append-time', configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] }] });
  await admin.disconnect();
  const producer = await connectedProducer(cluster.kafka);
  const before = Date.now();
  const [answer] = await producer.send({ topic: 'append-time', messages: [{ value: 'stamped', timestamp: '1000' }] });
  const afterSend = Date.now();
  await producer.disconnect();
  assert.ok(Number(answer.logAppendTime) >= before - 1000 && Number(answer.logAppendTime) <= afterSend + 1000, `logAppendTime ${answer.logAppendTime}`);

  const c = await cluster.consumer('append-time-reader');
  await c.subscribe({ topic: 'append-time', fromBeginning: true });
  const [record] = await consumeCount(c, 1);
  assert.equal(record.timestamp, Number(answer.logAppendTime), 'the record carries the append time the produce answer gave');
});

test('a record over max.message.bytes is refused with MESSAGE_TOO_LARGE and the next one still goes through', async () => {
  const admin = cluster.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'too-large', configEntries: [{ name: 'max.message.bytes', value: '2000' }] }] });
  await admin.disconnect();
  const producer = await connectedProducer(cluster.kafka, { retry: { retries: 0 } });
  await assert.rejects(producer.send({ topic: 'too-large', messages: [{ value: randomBytes(5000) }] }),
    (err: Error & { type?: string }) => err.type === 'MESSAGE_TOO_LARGE');
  const [answer] = await producer.send({ topic: 'too-large', messages: [{ value: 'small enough' }] });
  await producer.disconnect();
  assert.deepEqual([answer.errorCode, answer.baseOffset], [0, '0'], 'the refused batch took no offset');
});

test('a consumer whose fetch limits are smaller than one batch still gets every record (KIP-74)', async () => {
  await createTopic(cluster.kafka, 'small-fetch', 1);
  const producer = await connectedProducer(cluster.kafka);
  const values = Array.from({ length: 6 }, (_, i) => randomBytes(3000 + i));
  for (let i = 0; i < values.length; i += 2) await producer.send({ topic: 'small-fetch', messages: values.slice(i, i + 2).map((value) => ({ value })) });
  await producer.disconnect();

  const c = await cluster.consumer('small-fetch-reader', { maxBytesPerPartition: 100, maxBytes: 200 });
  await c.subscribe({ topic: 'small-fetch', fromBeginning: true });
  const received = await consumeCount(c, values.length);
  assert.deepEqual(received.map((r) => r.value), values);
});

test('records spread over many small segments are read back whole and in order', async () => {
  const admin = cluster.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'many-segments', configEntries: [{ name: 'segment.bytes', value: '1024' }] }] });
  await admin.disconnect();
  const producer = await connectedProducer(cluster.kafka);
  const values = Array.from({ length: 120 }, (_, i) => `segment record ${i} `.repeat(1 + (i % 5)));
  for (let i = 0; i < values.length; i += 8) await producer.send({ topic: 'many-segments', messages: values.slice(i, i + 8).map((value) => ({ value })) });
  await producer.disconnect();

  const c = await cluster.consumer('many-segments-reader');
  await c.subscribe({ topic: 'many-segments', fromBeginning: true });
  const received = await consumeCount(c, values.length);
  assert.deepEqual(received.map((r) => r.value!.toString()), values);
  assert.deepEqual(received.map((r) => r.offset), values.map((_, i) => i));
});

test('a Fetch with min_bytes 0 is answered at once, not after max_wait_ms, when there is nothing to read', async () => {
  await createTopic(cluster.kafka, 'limits-empty', 1);
  const started = Date.now();
  const records = await fetchRawRecords(cluster.broker.address, 'limits-empty', 0, 0, { maxWaitMs: 30_000, minBytes: 0 });
  assert.equal(records.length, 0);
  assert.ok(Date.now() - started < 15_000, 'the broker long-polled a min_bytes 0 fetch'); // a semantic, not a speed, check
});
