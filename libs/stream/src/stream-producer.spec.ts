import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AvroEncodeError } from '@tributary/avro';
import { BrokerProcess } from '@tributary/testing';
import { Partitioners, type Kafka } from 'kafkajs';
import { readRecordHeaders, RECORD_HEADERS } from './record-headers';
import { createStreamProducer, PublishError, type StreamProducer } from './stream-producer';
import { codecWithRegistry, createTopics, kafkaFor, readTopic } from './testing/stream-test-kit';

const ORDER = { type: 'record', name: 'Order', fields: [{ name: 'orderId', type: 'string' }, { name: 'total', type: 'double' }] };
const RUN = '3f1c2a4e-9b7d-4c1e-8a2b-5d6e7f809a1b';
const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('StreamProducer against the embedded broker', () => {
  let broker: BrokerProcess;
  let kafka: Kafka;
  let producer: StreamProducer;
  const { registry, codec } = codecWithRegistry();

  before(async () => {
    broker = await BrokerProcess.start();
    kafka = kafkaFor(broker.address);
    await createTopics(kafka, ['tributary.acme.orders.raw', 'tributary.acme.orders.mapped'], 3);
    producer = createStreamProducer({ kafka, codec });
    await producer.connect();
  });
  after(async () => {
    await producer?.disconnect();
    await broker?.dispose();
  });

  test('publishes Avro values framed for the registry under <topic>-value, with keys and the context headers', async () => {
    const topic = 'tributary.acme.orders.raw';
    await producer.publish(topic, [
      { key: 'o-1', value: { orderId: 'o-1', total: 12.5 }, context: { tenant: 'acme', pipeline: 'orders', runId: RUN, sourceOffset: '2024-05-01T10:00:00Z', traceparent: TRACE } },
      { key: 'o-2', value: { orderId: 'o-2', total: 3 } },
      { key: 'o-3', value: null },
    ], { schema: ORDER });

    const latest = await registry.getLatest('tributary.acme.orders.raw-value');
    const records = await readTopic(kafka, topic, 3);
    const byKey = new Map(records.map((r) => [r.key!.toString(), r]));
    const first = byKey.get('o-1')!;
    assert.equal(first.value!.readInt32BE(1), latest.id, 'the frame names the registered schema id');
    assert.deepEqual({ ...(await codec.decode<object>(first.value!)) }, { orderId: 'o-1', total: 12.5 });
    assert.deepEqual(readRecordHeaders(first.headers), { tenant: 'acme', pipeline: 'orders', runId: RUN, sourceOffset: '2024-05-01T10:00:00Z', traceparent: TRACE });
    assert.equal(byKey.get('o-2')!.headers[RECORD_HEADERS.tenant], undefined, 'no context, no headers');
    assert.equal(byKey.get('o-3')!.value, null, 'a null value is a tombstone');
  });

  test('puts a key on the partition the Java-compatible murmur2 partitioner picks, so every client agrees', async () => {
    const topic = 'tributary.acme.orders.mapped';
    const keys = Array.from({ length: 12 }, (_, i) => `order-${i}`);
    await producer.publish(topic, keys.map((key) => ({ key, value: { orderId: key, total: 1 } })), { schema: ORDER });
    const records = await readTopic(kafka, topic, keys.length);
    const murmur2 = Partitioners.DefaultPartitioner();
    const meta = { topic, partitionMetadata: [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 })) };
    for (const record of records) {
      const expected = murmur2({ topic, partitionMetadata: meta.partitionMetadata, message: { key: record.key, value: null } });
      assert.equal(record.partition, expected, `key ${record.key}`);
    }
    assert.ok(new Set(records.map((r) => r.partition)).size > 1, 'the keys spread over the partitions');
  });

  test('a value that does not fit the schema names the record and the field, and nothing of the batch is sent', async () => {
    const topic = 'tributary.acme.orders.raw';
    await assert.rejects(
      producer.publish(topic, [{ key: 'ok', value: { orderId: 'ok', total: 1 } }, { key: 'bad', value: { orderId: 'bad', total: 'lots' } }]),
      (error: unknown) => {
        assert.ok(error instanceof PublishError);
        assert.match(error.message, /record 1 for tributary\.acme\.orders\.raw/);
        assert.match(error.message, /total/);
        assert.ok(error.cause instanceof AvroEncodeError);
        return true;
      },
    );
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    assert.equal(offsets.reduce((sum, p) => sum + Number(p.high), 0), 3, 'only the first test’s three records are there');
  });

  test('a topic whose subject has no schema yet, published without one, is refused with the subject named', async () => {
    await assert.rejects(producer.publish('tributary.acme.nothing.raw', [{ key: 'k', value: { a: 1 } }]), /tributary\.acme\.nothing\.raw-value/);
  });

  test('malformed context headers are refused before anything is sent', async () => {
    await assert.rejects(
      producer.publish('tributary.acme.orders.raw', [{ key: 'k', value: { orderId: 'k', total: 1 }, context: { runId: 'run-7' } }]),
      /tributary-run must be a UUID/,
    );
  });
});
