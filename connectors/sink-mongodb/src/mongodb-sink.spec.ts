import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MongoClient, type Collection } from 'mongodb';
import { connectorSpec, ConnectorError, type SourceConnector } from '@tributary/connectors';
import { mongodbSink } from './mongodb-sink';
import type { SinkRecord, SinkWriter } from './sink-connector';
import { MongoWireDouble } from './testing/mongo-wire-double';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));
const record = (key: string, minute: number, offset: number, document: Record<string, unknown> = {}, partition = 0): SinkRecord => ({
  tenant: 'acme',
  pipeline: 'orders',
  key,
  version: at(minute),
  position: { topic: 'tributary.acme.orders.results', partition, offset: String(offset) },
  document: { orderId: key, totalTax: '1.0000', ...document },
});

describe('the MongoDB sink against a MongoDB-wire-compatible server, through the official driver', () => {
  const server = new MongoWireDouble();
  let url: string;
  let writer: SinkWriter;
  let reader: MongoClient;
  let results: Collection;
  const config = { collection: 'tax_results', database: 'sinkspec' };

  before(async () => {
    url = await server.start();
    writer = await mongodbSink.connect(config, { url, connectTimeoutMs: 2000 });
    reader = new MongoClient(url);
    results = reader.db('sinkspec').collection('tax_results');
  });
  beforeEach(() => results.deleteMany({}));
  after(async () => {
    await writer?.close();
    await reader?.close();
    await server.stop();
  });

  const stored = async (key: string) => (await results.find({ tenant: 'acme', pipeline: 'orders', key }).toArray()) as { calc?: string }[];

  test('connecting creates the unique upsert index and the write-order index', async () => {
    const indexes = await results.indexes();
    assert.deepEqual(
      indexes.map((i) => [i.name, i.key, i.unique ?? false]),
      [
        ['_id_', { _id: 1 }, false],
        ['tributary_key', { tenant: 1, pipeline: 1, key: 1 }, true],
        ['tributary_updated_at', { tenant: 1, pipeline: 1, '_tributary.updatedAt': 1 }, false],
      ],
    );
  });

  test('connecting again finds the indexes there and creates nothing twice', async () => {
    const second = await mongodbSink.connect(config, { url, connectTimeoutMs: 2000 });
    await second.close();
    assert.equal((await results.indexes()).length, 3);
  });

  test('a batch is upserted as one unordered bulk write, one document per key', async () => {
    const outcome = await writer.write([record('A-1', 1, 10), record('A-2', 1, 11), record('A-3', 1, 12)]);
    assert.deepEqual(outcome, { written: 3, skippedOlder: 0, rejected: [] });
    const docs = await results.find({}).toArray();
    assert.deepEqual(docs.map((d) => d.key).sort(), ['A-1', 'A-2', 'A-3']);
    assert.equal(docs[0]._tributary.offset, 10);
    assert.ok(server.commandsSeen.includes('update'));
  });

  test('the same records delivered again leave one document each, unchanged in content', async () => {
    const batch = [record('A-1', 1, 10, { calc: 'first' }), record('A-2', 1, 11)];
    await writer.write(batch);
    assert.deepEqual(await writer.write(batch), { written: 2, skippedOlder: 0, rejected: [] });
    assert.equal((await results.find({}).toArray()).length, 2);
    assert.equal((await stored('A-1'))[0].calc, 'first');
  });

  test('a newer version replaces the stored one; an older version arriving later is skipped', async () => {
    await writer.write([record('A-1', 5, 20, { calc: 'v5' })]);
    assert.deepEqual(await writer.write([record('A-1', 4, 30, { calc: 'v4 late' })]), { written: 0, skippedOlder: 1, rejected: [] });
    assert.equal((await stored('A-1'))[0].calc, 'v5');
    assert.deepEqual(await writer.write([record('A-1', 6, 31, { calc: 'v6' })]), { written: 1, skippedOlder: 0, rejected: [] });
    const docs = await stored('A-1');
    assert.deepEqual([docs.length, docs[0].calc], [1, 'v6']);
  });

  test('of one version, a replay of an earlier offset never rolls back a later calculation', async () => {
    await writer.write([record('A-1', 5, 40, { calc: 'recalculated at 40' })]);
    assert.deepEqual(await writer.write([record('A-1', 5, 39, { calc: 'replayed 39' })]), { written: 0, skippedOlder: 1, rejected: [] });
    assert.equal((await stored('A-1'))[0].calc, 'recalculated at 40');
  });

  test('one key twice in a batch keeps the newest version, the older counted as skipped', async () => {
    const outcome = await writer.write([record('A-1', 3, 50, { calc: 'newest' }), record('A-1', 1, 51, { calc: 'older' }), record('A-2', 1, 52)]);
    assert.deepEqual(outcome, { written: 2, skippedOlder: 1, rejected: [] });
    assert.equal((await stored('A-1'))[0].calc, 'newest');
  });

  test('another tenant or pipeline with the same key is another document', async () => {
    await writer.write([record('A-1', 1, 1), { ...record('A-1', 1, 1), tenant: 'globex' }, { ...record('A-1', 1, 1), pipeline: 'returns' }]);
    assert.equal((await results.find({ key: 'A-1' }).toArray()).length, 3);
  });

  test('a document the server refuses is rejected by its index in the batch, and the rest are written', async () => {
    const dollarField = record('BAD', 1, 60, { $bad: 'field names may not start with $' });
    const outcome = await writer.write([record('A-1', 1, 59), dollarField, record('A-3', 1, 61)]);
    assert.equal(outcome.written, 2);
    assert.equal(outcome.rejected.length, 1);
    assert.equal(outcome.rejected[0].index, 1);
    assert.match(outcome.rejected[0].reason, /MongoDB refused the document/);
  });

  test('a server that cannot take writes fails the whole batch with a retriable ConnectorError', async () => {
    server.failCommand('update', 1, { code: 91, errmsg: 'The server is in quiesce mode and will shut down' });
    await assert.rejects(writer.write([record('A-1', 1, 70)]), (error: unknown) => {
      assert.ok(error instanceof ConnectorError);
      assert.deepEqual([error.code, error.retriable], ['unreachable', true]);
      return true;
    });
    assert.deepEqual(await writer.write([record('A-1', 1, 70)]), { written: 1, skippedOlder: 0, rejected: [] });
  });

  test('check answers ok for a reachable server and names the failure for one that is not, without the password', async () => {
    assert.deepEqual(await mongodbSink.check(config, { url, connectTimeoutMs: 2000 }), { ok: true });
    const closed = new MongoWireDouble();
    const closedUrl = await closed.start();
    await closed.stop();
    const withPassword = closedUrl.replace('mongodb://', 'mongodb://writer:s3cret-pw@');
    const result = await mongodbSink.check(config, { url: withPassword, connectTimeoutMs: 500 });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.code === 'unreachable');
    assert.ok(!result.ok && !result.reason.includes('s3cret-pw'));
  });

  test('its config spec gives each field a description and an example, and marks the connection string writeOnly', () => {
    const spec = connectorSpec(mongodbSink as unknown as SourceConnector);
    const config = spec.config as { properties: Record<string, { description?: string; examples?: unknown[]; default?: unknown }> };
    for (const [name, field] of Object.entries(config.properties)) {
      assert.ok(field.description, `${name} has a description`);
      assert.ok(field.examples?.length, `${name} has an example`);
    }
    assert.equal(config.properties.collection.default, 'tax_results');
    const secrets = spec.secrets as { properties: Record<string, { writeOnly?: boolean }> };
    assert.equal(secrets.properties.url.writeOnly, true);
  });
});
