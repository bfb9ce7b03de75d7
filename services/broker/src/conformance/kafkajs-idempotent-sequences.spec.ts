/**
 * Idempotent-producer sequence rules, sent by a raw client since kafkajs never breaks them
 * (Kafka's ProducerStateManager, 2.5+): an exact resend of one of the producer's last 5
 * batches is answered with success and the original offset and is not written again
 * (DUPLICATE_SEQUENCE_NUMBER is not what Kafka answers); an older resend, a gap or a new
 * epoch that does not start at 0 get OUT_OF_ORDER_SEQUENCE_NUMBER; an old epoch gets
 * INVALID_PRODUCER_EPOCH. kafkajs then reads back exactly what was written.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBatch, Encoder, errorCode } from '@tributary/kafka-protocol';
import { BrokerProcess } from '@tributary/testing';
import { connectedConsumer, createTopic, kafkaFor, RawKafkaConnection, sleep, waitUntil } from './kafkajs-client';

const TOPIC = 'sequences';
const OK = 0;
const OUT_OF_ORDER = errorCode('OUT_OF_ORDER_SEQUENCE_NUMBER');
const OLD_EPOCH = errorCode('INVALID_PRODUCER_EPOCH');

let broker: BrokerProcess;
let raw: RawKafkaConnection;

before(async () => {
  broker = await BrokerProcess.start();
  await createTopic(kafkaFor(broker.address), TOPIC, 4);
  raw = await RawKafkaConnection.open(broker.address);
});
after(async () => {
  raw.close();
  await broker.dispose();
});

/** InitProducerId v0 => transactional_id transaction_timeout_ms; answer => throttle error_code producer_id producer_epoch. */
async function initProducerId(): Promise<number> {
  const d = await raw.request(22, 0, new Encoder().nullableString(null).int32(60_000).finish());
  d.int32();
  assert.equal(d.int16(), 0, 'InitProducerId failed');
  const producerId = d.int64();
  assert.equal(d.int16(), 0, 'a new producer starts at epoch 0');
  return producerId;
}

interface Sent { readonly seq: number; readonly values: readonly string[]; readonly epoch?: number }

/**
 * Produce v3 => transactional_id acks timeout_ms [topic [partition records]] of one batch;
 * answer => [topic [partition error_code base_offset log_append_time_ms]] throttle_time_ms.
 */
async function produce(partition: number, producerId: number, batch: Sent): Promise<{ error: number; baseOffset: number }> {
  const records = encodeBatch({
    baseOffset: 0, producerId, producerEpoch: batch.epoch ?? 0, baseSequence: batch.seq,
    records: batch.values.map((v) => ({ timestamp: Date.now(), key: null, value: Buffer.from(v) })),
  });
  const body = new Encoder().nullableString(null).int16(-1).int32(10_000)
    .int32(1).string(TOPIC).int32(1).int32(partition).bytes(records).finish();
  const d = await raw.request(0, 3, body);
  d.int32();
  d.string();
  d.int32();
  assert.equal(d.int32(), partition);
  return { error: d.int16(), baseOffset: d.int64() };
}

/** Every value in `partition`, read by kafkajs (which reads the whole topic: the others are skipped). */
async function readBack(partition: number, expected: number): Promise<string[]> {
  const consumer = await connectedConsumer(kafkaFor(broker.address), `sequences-reader-${partition}`);
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  const values: string[] = [];
  await consumer.run({ eachMessage: async (m) => void (m.partition === partition && values.push(m.message.value!.toString())) });
  await waitUntil(() => values.length >= expected, `${expected} records of partition ${partition} were read`);
  await sleep(300); // room for a record too many to show up
  await consumer.disconnect();
  return values;
}

const batch = (seq: number, count: number, epoch?: number): Sent =>
  ({ seq, epoch, values: Array.from({ length: count }, (_, i) => `e${epoch ?? 0}-s${seq + i}`) });

test('an exact resend of one of the last five batches is answered with its original offset and not written again', async () => {
  const pid = await initProducerId();
  const a = batch(0, 3);
  const b = batch(3, 2);
  assert.deepEqual(await produce(0, pid, a), { error: OK, baseOffset: 0 });
  assert.deepEqual(await produce(0, pid, b), { error: OK, baseOffset: 3 });
  assert.deepEqual(await produce(0, pid, a), { error: OK, baseOffset: 0 }, 'the older duplicate');
  assert.deepEqual(await produce(0, pid, b), { error: OK, baseOffset: 3 }, 'the latest duplicate');
  assert.deepEqual(await produce(0, pid, batch(5, 1)), { error: OK, baseOffset: 5 }, 'the sequence goes on after the duplicates');
  assert.deepEqual(await readBack(0, 6), [...a.values, ...b.values, 'e0-s5']);
});

test('a sequence gap is refused with OUT_OF_ORDER_SEQUENCE_NUMBER and writes nothing', async () => {
  const pid = await initProducerId();
  assert.deepEqual(await produce(1, pid, batch(0, 2)), { error: OK, baseOffset: 0 });
  assert.deepEqual(await produce(1, pid, batch(3, 2)), { error: OUT_OF_ORDER, baseOffset: -1 }, 'sequence 2 was skipped');
  assert.deepEqual(await produce(1, pid, batch(2, 2)), { error: OK, baseOffset: 2 }, 'the expected sequence still fits');
  assert.deepEqual(await readBack(1, 4), ['e0-s0', 'e0-s1', 'e0-s2', 'e0-s3']);
});

test('a resend of a batch older than the last five is refused with OUT_OF_ORDER_SEQUENCE_NUMBER', async () => {
  const pid = await initProducerId();
  for (let seq = 0; seq < 7; seq++) assert.deepEqual(await produce(2, pid, batch(seq, 1)), { error: OK, baseOffset: seq });
  assert.deepEqual(await produce(2, pid, batch(1, 1)), { error: OUT_OF_ORDER, baseOffset: -1 }, 'batch 1 is out of the window');
  assert.deepEqual(await produce(2, pid, batch(2, 1)), { error: OK, baseOffset: 2 }, 'batch 2 is the oldest of the last five');
  assert.deepEqual(await readBack(2, 7), Array.from({ length: 7 }, (_, i) => `e0-s${i}`));
});

test('a new epoch must start at sequence 0, and the old epoch is then fenced', async () => {
  const pid = await initProducerId();
  assert.deepEqual(await produce(3, pid, batch(0, 2, 0)), { error: OK, baseOffset: 0 });
  assert.deepEqual(await produce(3, pid, batch(2, 1, 1)), { error: OUT_OF_ORDER, baseOffset: -1 }, 'epoch 1 starting at 2');
  assert.deepEqual(await produce(3, pid, batch(0, 1, 1)), { error: OK, baseOffset: 2 }, 'epoch 1 starting at 0');
  assert.deepEqual(await produce(3, pid, batch(2, 1, 0)), { error: OLD_EPOCH, baseOffset: -1 }, 'epoch 0 after epoch 1');
  assert.deepEqual(await readBack(3, 3), ['e0-s0', 'e0-s1', 'e1-s0']);
});
