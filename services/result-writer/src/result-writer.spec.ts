import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MongoClient, type Collection } from 'mongodb';
import { platformType, ConfluentAvroCodec, SchemaRegistryHttp, type ErrorRecord } from '@tributary/avro';
import { MongoWireDouble } from '@tributary/sink-mongodb';
import { startService, type RunningService } from '@tributary/service-runtime';
import { stageTopic } from '@tributary/pipeline-spec';
import { startResultWriter } from './result-writer';
import { RESULT_WRITER_ENV } from './result-writer-env';
import { ResultsPlatform, taxResult } from './testing/results-platform';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));

describe('the result-writer, from <p>.results into PostgreSQL and MongoDB', () => {
  let platform: ResultsPlatform;
  const mongo = new MongoWireDouble();
  let mongoPort: number;
  let service: RunningService;
  let reader: MongoClient;
  let documents: Collection;

  before(async () => {
    platform = await ResultsPlatform.start();
    const url = await mongo.start();
    mongoPort = Number(new URL(url.replace('mongodb:', 'http:')).port);
    await platform.announce('acme', 'orders');
    await platform.announce('globex', 'orders', { sinks: [{ postgres: { table: 'tax_results' } }] });
    service = await startService(
      { name: 'result-writer', env: RESULT_WRITER_ENV, start: startResultWriter },
      platform.env({ MONGODB_URL: url.replace('/?', '/resultspec?'), RESULT_LINGER_MS: '2' }),
    );
    reader = new MongoClient(url);
    documents = reader.db('resultspec').collection('tax_results');
  });
  after(async () => {
    await service?.close();
    await reader?.close();
    await mongo.stop();
    await platform?.stop();
  });

  const rows = async (tenant: string, pipeline = 'orders') =>
    (await platform.database.dataSource.query('SELECT order_key, result FROM results WHERE tenant_id = $1 AND pipeline = $2 ORDER BY order_key', [tenant, pipeline])) as {
      order_key: string;
      result: { calculationId: string; orderUpdatedAt: string };
    }[];
  const until = async (what: string, condition: () => Promise<boolean>) => {
    for (let i = 0; i < 400; i++) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  test('every result lands once in PostgreSQL and once in MongoDB, timestamps as ISO text and as dates', async () => {
    const results = Array.from({ length: 60 }, (_, i) => taxResult('acme', 'orders', `ORD-${String(i).padStart(3, '0')}`, { updatedAt: at(1) }));
    await platform.publishResults('acme', 'orders', results);
    await until('60 rows in PostgreSQL', async () => (await rows('acme')).length === 60);
    await until('60 documents in MongoDB', async () => (await documents.find({ tenant: 'acme' }).toArray()).length === 60);
    const [row] = await rows('acme');
    assert.equal(row.result.orderUpdatedAt, at(1).toISOString());
    const [doc] = await documents.find({ key: 'ORD-000' }).toArray();
    assert.ok(doc.orderUpdatedAt instanceof Date);
    assert.equal(doc.totalTax, '24.7500');
  });

  test('replayed and older results never duplicate a row or roll one back, in either store', async () => {
    await platform.publishResults('acme', 'orders', [taxResult('acme', 'orders', 'REPLAY-1', { updatedAt: at(5), calculationId: 'current' })]);
    await until('REPLAY-1 stored', async () => (await rows('acme')).some((r) => r.order_key === 'REPLAY-1'));
    // The same record again, an older version after it, then a marker to know all three were handled.
    await platform.publishResults('acme', 'orders', [
      taxResult('acme', 'orders', 'REPLAY-1', { updatedAt: at(5), calculationId: 'current' }),
      taxResult('acme', 'orders', 'REPLAY-1', { updatedAt: at(4), calculationId: 'stale' }),
    ]);
    await platform.publishResults('acme', 'orders', [taxResult('acme', 'orders', 'REPLAY-1', { updatedAt: at(5), calculationId: 'stale-but-same-version-later' })]);
    await until('the later calculation of the same version stored', async () => (await rows('acme')).find((r) => r.order_key === 'REPLAY-1')?.result.calculationId === 'stale-but-same-version-later');
    await until('MongoDB has it too', async () => (await documents.find({ key: 'REPLAY-1' }).toArray())[0]?.calculationId === 'stale-but-same-version-later');
    assert.equal((await rows('acme')).filter((r) => r.order_key === 'REPLAY-1').length, 1);
    assert.equal((await documents.find({ key: 'REPLAY-1' }).toArray()).length, 1);
  });

  test('a pipeline without a mongodb sink writes PostgreSQL only', async () => {
    await platform.publishResults('globex', 'orders', [taxResult('globex', 'orders', 'G-1')]);
    await until('G-1 in PostgreSQL', async () => (await rows('globex')).length === 1);
    assert.equal((await documents.find({ tenant: 'globex' }).toArray()).length, 0);
  });

  test('a result the store refuses goes to <p>.errors naming the field, and the partition moves on', async () => {
    await platform.publishResults('acme', 'orders', [taxResult('acme', 'orders', 'BAD-1', { currency: 'usd' }), taxResult('acme', 'orders', 'AFTER-BAD')], 0);
    await until('AFTER-BAD stored', async () => (await rows('acme')).some((r) => r.order_key === 'AFTER-BAD'));
    assert.ok(!(await rows('acme')).some((r) => r.order_key === 'BAD-1'));
    const codec = new ConfluentAvroCodec(new SchemaRegistryHttp(platform.registry.url));
    const errors: ErrorRecord[] = [];
    const consumer = platform.kafka.consumer({ groupId: `errors-reader-${Date.now()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: stageTopic('acme', 'orders', 'errors'), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void errors.push(await codec.decodeWith<ErrorRecord>(message.value!, platformType('error-record'))) });
    await until('the ErrorRecord', async () => errors.length > 0);
    await consumer.disconnect();
    assert.equal(errors[0].stage, 'RESULT_WRITER');
    assert.equal(errors[0].recordKey?.toString(), 'BAD-1');
    assert.match(errors[0].reasons[0].message, /postgres: the result is invalid: currency must be an ISO 4217 code/);
  });

  test('while MongoDB is down the results wait in Kafka, and land once it is back', async () => {
    await mongo.stop();
    const [sent] = await platform.publishResults('acme', 'orders', [taxResult('acme', 'orders', 'WHILE-DOWN')], 1);
    const committed = async () => {
      const admin = platform.kafka.admin();
      await admin.connect();
      const [topic] = await admin.fetchOffsets({ groupId: 'tributary.acme.orders.sink.1.mongodb', topics: [stageTopic('acme', 'orders', 'results')] }).finally(() => admin.disconnect());
      return Number(topic.partitions.find((p) => p.partition === 1)?.offset ?? -1);
    };
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.ok((await committed()) <= Number(sent.baseOffset), 'the offset of a result MongoDB does not have yet is not committed');
    await mongo.start(mongoPort);
    await until('WHILE-DOWN in MongoDB', async () => (await documents.find({ key: 'WHILE-DOWN' }).toArray()).length === 1);
    await until('WHILE-DOWN in PostgreSQL', async () => (await rows('acme')).some((r) => r.order_key === 'WHILE-DOWN'));
    await until('its offset committed', async () => (await committed()) > Number(sent.baseOffset));
  });
});
