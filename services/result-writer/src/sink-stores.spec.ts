import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { createScratchDatabase, TEST_DATABASE_URL, type ScratchDatabase } from '@tributary/persistence';
import { PLATFORM_TABLES, stageTopic } from '@tributary/pipeline-spec';
import { startService, type RunningService } from '@tributary/service-runtime';
import { Client } from 'pg';
import { startResultWriter } from './result-writer';
import { RESULT_WRITER_ENV } from './result-writer-env';
import { ResultsPlatform, taxResult } from './testing/results-platform';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute));
const server = new URL(TEST_DATABASE_URL);
/** A connection secret for a database on the test server (trust auth: the password is not checked). */
const secretFor = (database: string, port = Number(server.port || 5432)) => ({ host: server.hostname, port, database, user: decodeURIComponent(server.username) || 'postgres', password: 'not-checked' });

interface SinkRow {
  tenant: string;
  pipeline: string;
  order_key: string;
  result: { calculationId: string };
  total_tax: string;
  currency: string;
  calculated_at: Date;
  written_at: Date;
}

describe('postgres and topic sinks: each result also in the named table and on the downstream topic', () => {
  let platform: ResultsPlatform;
  let warehouse: ScratchDatabase;
  let warehouseClient: Client;
  let service: RunningService;
  const lateDatabase = `tributary_test_late_${Date.now().toString(36)}`;

  before(async () => {
    platform = await ResultsPlatform.start(['acme']);
    warehouse = await createScratchDatabase();
    warehouseClient = new Client({ connectionString: warehouse.url });
    await warehouseClient.connect();
    await platform.putSecret('acme', 'acme-dw', secretFor(new URL(warehouse.url).pathname.slice(1)));
    // Nothing listens on port 1: the late pipeline's database is out of reach until its secret is corrected.
    await platform.putSecret('acme', 'acme-late', secretFor(lateDatabase, 1));
    await platform.database.dataSource.query('CREATE TABLE legacy_orders (id int PRIMARY KEY, note text)');
    await platform.announce('acme', 'orders', {
      sinks: [{ postgres: { table: 'tax_results' } }, { postgres: { table: 'reporting.tax_results', connection: { secret: 'acme-dw' } } }, { topic: { name: 'acme.tax-results' } }],
    });
    await platform.announce('acme', 'late', { sinks: [{ postgres: { table: 'tax_results', connection: { secret: 'acme-late' } } }] });
    await platform.announce('acme', 'legacy', { sinks: [{ postgres: { table: 'legacy_orders' } }] });
    service = await startService(
      { name: 'result-writer', env: RESULT_WRITER_ENV, start: startResultWriter },
      platform.env({ RESULT_LINGER_MS: '2', TRIBUTARY_MASTER_KEYS: platform.masterKeys }),
    );
  });
  after(async () => {
    await service?.close();
    await warehouseClient?.end();
    await warehouse?.drop();
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${lateDatabase} WITH (FORCE)`).finally(() => admin.end());
    await platform?.stop();
  });

  const platformRows = async (table: string, pipeline = 'orders') =>
    (await platform.database.dataSource.query(`SELECT * FROM ${table} WHERE tenant = $1 AND pipeline = $2 ORDER BY order_key`, ['acme', pipeline])) as SinkRow[];
  const warehouseRows = async () => (await warehouseClient.query<SinkRow>(`SELECT * FROM reporting.tax_results WHERE tenant = 'acme' ORDER BY order_key`)).rows;
  const until = async (what: string, condition: () => Promise<boolean>, tries = 400) => {
    for (let i = 0; i < tries; i++) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  test('every result lands once in the platform table and in the tenant database, with typed columns', async () => {
    const results = Array.from({ length: 40 }, (_, i) => taxResult('acme', 'orders', `ORD-${String(i).padStart(3, '0')}`, { updatedAt: at(1) }));
    await platform.publishResults('acme', 'orders', results);
    await until('40 rows in tax_results of the platform database', async () => (await platformRows('tax_results')).length === 40);
    await until('40 rows in reporting.tax_results of the tenant database', async () => (await warehouseRows()).length === 40);
    const [row] = await warehouseRows();
    assert.deepEqual([row.tenant, row.pipeline, row.order_key, row.total_tax, row.currency], ['acme', 'orders', 'ORD-000', '24.7500', results[0].currency]);
    assert.ok(row.calculated_at instanceof Date && row.written_at instanceof Date);
    assert.equal(row.calculated_at.toISOString(), results[0].calculatedAt.toISOString());
    const types = await warehouseClient.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'reporting' AND table_name = 'tax_results' AND column_name IN ('result', 'total_tax')`);
    assert.deepEqual(Object.fromEntries(types.rows.map((r) => [r.column_name, r.data_type])), { result: 'jsonb', total_tax: 'numeric' });
  });

  test('a redelivered result upserts its row, and an older one arriving later never rolls it back', async () => {
    const again = async () => ({ platform: (await platformRows('tax_results')).filter((r) => r.order_key === 'AGAIN'), warehouse: (await warehouseRows()).filter((r) => r.order_key === 'AGAIN') });
    const calculations = async () => {
      const rows = await again();
      return [...rows.platform, ...rows.warehouse].map((r) => r.result.calculationId);
    };
    await platform.publishResults('acme', 'orders', [taxResult('acme', 'orders', 'AGAIN', { updatedAt: at(5), calculationId: 'first' })], 0);
    await until('the first calculation in both tables', async () => (await calculations()).join() === 'first,first');
    await platform.publishResults('acme', 'orders', [taxResult('acme', 'orders', 'AGAIN', { updatedAt: at(5), calculationId: 'redelivered' })], 0);
    await until('the redelivery rewrote both rows', async () => (await calculations()).join() === 'redelivered,redelivered');
    // An older version, then a marker behind it on the same partition: once the marker is stored, the older one was handled.
    await platform.publishResults('acme', 'orders', [taxResult('acme', 'orders', 'AGAIN', { updatedAt: at(4), calculationId: 'older' }), taxResult('acme', 'orders', 'MARK')], 0);
    await until('the marker in both tables', async () => (await platformRows('tax_results')).some((r) => r.order_key === 'MARK') && (await warehouseRows()).some((r) => r.order_key === 'MARK'));
    assert.deepEqual(await calculations(), ['redelivered', 'redelivered']);
  });

  test("the topic sink's records carry the same key, headers and schema id, and decode with the registry's client", async () => {
    const admin = platform.kafka.admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: ['acme.tax-results'] }).finally(() => admin.disconnect());
    assert.equal(topics[0].partitions.length, 3, 'created with the pipeline partitions');
    const registry = new SchemaRegistry({ host: platform.registry.url });
    const seen: { key: string; value: { orderId: string; totalTax: unknown } | null; tenant?: string; schemaId?: number }[] = [];
    const consumer = platform.kafka.consumer({ groupId: `downstream-${Date.now()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'acme.tax-results', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void seen.push({
          key: message.key!.toString(),
          value: message.value ? await registry.decode(message.value) : null,
          tenant: message.headers?.['tributary-tenant']?.toString(),
          schemaId: message.value?.readUInt32BE(1),
        }),
    });
    await until('the 40 orders of the first test downstream', async () => new Set(seen.filter((s) => s.key.startsWith('ORD-')).map((s) => s.key)).size === 40);
    await consumer.disconnect();
    const first = seen.find((s) => s.key === 'ORD-000')!;
    assert.equal(first.value?.orderId, 'ORD-000');
    assert.equal(first.tenant, 'acme');
    const { id } = (await (await fetch(`${platform.registry.url}/subjects/${stageTopic('acme', 'orders', 'results')}-value/versions/latest`)).json()) as { id: number };
    assert.equal(first.schemaId, id, "the value still names the results topic's TaxResult schema");
  });

  test('a tombstone on results deletes the row from the sink tables and is forwarded downstream', async () => {
    await platform.publishResults('acme', 'orders', [taxResult('acme', 'orders', 'WITHDRAWN')]);
    await until('WITHDRAWN stored', async () => (await warehouseRows()).some((r) => r.order_key === 'WITHDRAWN'));
    await platform.producer.publishEncoded(stageTopic('acme', 'orders', 'results'), [{ key: 'WITHDRAWN', value: null, headers: {} }]);
    await until('WITHDRAWN deleted from both tables', async () => !(await warehouseRows()).some((r) => r.order_key === 'WITHDRAWN') && !(await platformRows('tax_results')).some((r) => r.order_key === 'WITHDRAWN'));
    const tombstones: string[] = [];
    const consumer = platform.kafka.consumer({ groupId: `tombstones-${Date.now()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'acme.tax-results', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void (message.value === null && tombstones.push(message.key!.toString())) });
    await until('the tombstone downstream', async () => tombstones.includes('WITHDRAWN'));
    await consumer.disconnect();
  });

  test('an unreachable database, then a missing one, hold the results in Kafka; once fixed each lands once', async () => {
    const group = 'tributary.acme.late.sink.1.postgres';
    const results = Array.from({ length: 5 }, (_, i) => taxResult('acme', 'late', `LATE-${i}`));
    const [sent] = await platform.publishResults('acme', 'late', results, 0);
    const last = Number(sent.baseOffset) + results.length - 1;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.ok((await platform.committedOffset(group, 'acme', 'late', 0)) <= Number(sent.baseOffset), 'nothing committed while the database is out of reach');
    // The operator corrects the port; the database it names does not exist yet (SQLSTATE 3D000).
    await platform.putSecret('acme', 'acme-late', secretFor(lateDatabase));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.ok((await platform.committedOffset(group, 'acme', 'late', 0)) <= Number(sent.baseOffset), 'nothing committed while the database is missing');
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${lateDatabase}`).finally(() => admin.end());
    const late = new Client({ connectionString: Object.assign(new URL(TEST_DATABASE_URL), { pathname: `/${lateDatabase}` }).toString() });
    await late.connect();
    try {
      const keys = async () => (await late.query<{ order_key: string }>('SELECT order_key FROM tax_results ORDER BY order_key').catch(() => ({ rows: [] }))).rows.map((r) => r.order_key);
      await until('the 5 results in the late database', async () => (await keys()).length === 5, 1200);
      assert.deepEqual(await keys(), results.map((r) => r.orderId));
      await until('their offsets committed', async () => (await platform.committedOffset(group, 'acme', 'late', 0)) > last);
    } finally {
      await late.end();
    }
  });

  test('a table in place that is not a sink table is never written; the results wait until it is', async () => {
    await platform.publishResults('acme', 'legacy', [taxResult('acme', 'legacy', 'L-1')], 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(await platform.database.dataSource.query('SELECT * FROM legacy_orders'), []);
    assert.equal(await platform.committedOffset('tributary.acme.legacy.sink.1.postgres', 'acme', 'legacy', 0), -1, 'the result is not committed: it waits');
    await platform.database.dataSource.query('DROP TABLE legacy_orders');
    await until('L-1 in the created sink table', async () => (await platformRows('legacy_orders', 'legacy').catch(() => [])).length === 1, 1200);
  });

  test("the names refused at apply cover every table of the platform database", () => {
    const tables = platform.database.dataSource.entityMetadatas.map((m) => m.tableName);
    const migrations = platform.database.dataSource.options.migrationsTableName ?? 'migrations';
    for (const table of [...tables, migrations]) assert.ok(PLATFORM_TABLES.includes(table), `${table} is not in pipeline-spec's PLATFORM_TABLES`);
  });
});
