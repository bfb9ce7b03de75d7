import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAvroSchema } from '@tributary/avro';
import type { SourceCursor } from '@tributary/connectors';
import { postgresSource } from './postgres-source';
import { collect, fieldOf, scratchSchema } from './testing/scratch-schema';

describe('postgres source: reading', () => {
  let db: Awaited<ReturnType<typeof scratchSchema>>;
  let table: string;

  before(async () => {
    db = await scratchSchema('read');
    table = `${db.admin.escapeIdentifier(db.name)}.orders`;
    await db.admin.query(`CREATE TABLE ${table} (
      id bigint PRIMARY KEY, updated_at timestamptz NOT NULL, total numeric(12,2) NOT NULL, note text,
      day date, paid boolean, payload jsonb, tag uuid, raw bytea, ratio double precision, amount numeric)`);
    // 25 rows in 4 cursor groups of up to 7 rows: every batch boundary of 5 falls among ties.
    await db.admin.query(`INSERT INTO ${table} (id, updated_at, total, note, day, paid, payload, tag, raw, ratio, amount)
      SELECT g, timestamptz '2024-05-01 10:00:00.000100+00' + ((g - 1) / 7) * interval '1 second', g * 1.5, 'order ' || g,
             date '2024-05-01' + g, g % 2 = 0, jsonb_build_object('n', g), ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid,
             '\\x0102'::bytea, g / 4.0, g / 3.0
      FROM generate_series(1, 25) AS g`);
  });
  after(() => db.drop());

  const read = (options: Partial<Parameters<typeof postgresSource.read>[2]> = {}) =>
    collect(postgresSource.read(db.config(), db.secrets, { stream: 'orders', mode: 'full', batchSize: 5, ...options }));

  test('discovers the table with its primary key and Avro types from its column types', async () => {
    const streams = await postgresSource.discover(db.config(), db.secrets);
    const orders = streams.find((s) => s.name === `${db.name}.orders`);
    assert.ok(orders, `discover found ${streams.map((s) => s.name).join(', ')}`);
    assert.deepEqual(orders.primaryKey, ['id']);
    const types = Object.fromEntries(orders.schema.fields.map((f) => [f.name, f.type]));
    assert.deepEqual(types.id, 'long');
    assert.deepEqual(types.updated_at, { type: 'long', logicalType: 'timestamp-millis' });
    assert.deepEqual(types.total, { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 });
    assert.deepEqual(types.day, ['null', { type: 'int', logicalType: 'date' }]);
    assert.deepEqual(types.tag, ['null', { type: 'string', logicalType: 'uuid' }]);
    assert.deepEqual(types.payload, ['null', 'string']);
    assert.deepEqual(types.raw, ['null', 'bytes']);
    assert.deepEqual(types.amount, ['null', 'string'], 'numeric without precision stays exact text');
    assert.equal(orders.fields.find((f) => f.sourceName === 'total')?.sourceType, 'numeric(12,2)');
    assert.deepEqual(orders.modes, ['full', 'incremental']);
  });

  test('reads the whole table in batches of at most batchSize, every record encodable with the discovered schema', async () => {
    const [orders] = (await postgresSource.discover(db.config(), db.secrets)).filter((s) => s.name.endsWith('.orders'));
    const type = parseAvroSchema(orders.schema);
    const batches = await read({ keyField: 'id' });
    assert.deepEqual(batches.map((b) => b.records.length), [5, 5, 5, 5, 5]);
    assert.deepEqual(fieldOf(batches, 'id'), Array.from({ length: 25 }, (_, i) => i + 1));
    const first = batches[0].records[0].value;
    assert.deepEqual(first, {
      id: 1, updated_at: new Date('2024-05-01T10:00:00.000Z'), total: '1.50', note: 'order 1', day: '2024-05-02', paid: false,
      payload: '{"n": 1}', tag: '00000000-0000-0000-0000-000000000001', raw: Buffer.from([1, 2]), ratio: 0.25, amount: '0.33333333333333333333',
    });
    for (const record of batches.flatMap((b) => b.records)) assert.deepEqual({ ...type.fromBuffer(type.toBuffer(record.value)) }, record.value);
    assert.equal(batches[0].records[0].position, `${db.name}.orders id=1`);
  });

  test('resumes a full read by key from any batch cursor without skipping or repeating', async () => {
    const batches = await read({ keyField: 'id' });
    const rest = await read({ keyField: 'id', cursor: batches[2].cursor });
    assert.deepEqual(fieldOf(rest, 'id'), Array.from({ length: 10 }, (_, i) => i + 16));
  });

  test('reads incrementally by (cursor, key) with ties at every batch boundary, and resumes from each cursor exactly', async () => {
    const batches = await read({ mode: 'incremental', cursorField: 'updated_at', keyField: 'id' });
    const all = fieldOf(batches, 'id');
    assert.deepEqual(all, Array.from({ length: 25 }, (_, i) => i + 1));
    assert.deepEqual(batches[0].cursor, { cursorValue: '2024-05-01T10:00:00.0001Z', lastKey: '5', state: {} });
    for (const [i, batch] of batches.entries()) {
      const rest = await read({ mode: 'incremental', cursorField: 'updated_at', keyField: 'id', cursor: batch.cursor });
      assert.deepEqual(fieldOf(rest, 'id'), all.slice((i + 1) * 5), `resuming after batch ${i}`);
    }
  });

  test('an incremental read after changes reads exactly the rows inserted or updated past the cursor, ties included', async () => {
    const { admin } = db;
    const t = `${admin.escapeIdentifier(db.name)}.delta`;
    await admin.query(`CREATE TABLE ${t} (id int PRIMARY KEY, updated_at timestamp NOT NULL, v text)`);
    await admin.query(`INSERT INTO ${t} SELECT g, timestamp '2024-01-01 00:00:00' + (g / 3) * interval '1 microsecond', 'a' FROM generate_series(1, 10) g`);
    const first = await read({ stream: 'delta', mode: 'incremental', cursorField: 'updated_at', keyField: 'id', batchSize: 4 });
    const cursor = first.at(-1)!.cursor as SourceCursor;
    assert.equal(cursor.cursorValue, '2024-01-01T00:00:00.000003Z');
    assert.equal(cursor.lastKey, '10');
    // A late row tying the last cursor value with a higher key, an update, and a new row.
    await admin.query(`INSERT INTO ${t} VALUES (11, '2024-01-01 00:00:00.000003', 'tie')`);
    await admin.query(`UPDATE ${t} SET updated_at = '2024-01-01 00:00:01', v = 'b' WHERE id = 2`);
    await admin.query(`INSERT INTO ${t} VALUES (12, '2024-01-01 00:00:02', 'new')`);
    const next = await read({ stream: 'delta', mode: 'incremental', cursorField: 'updated_at', keyField: 'id', batchSize: 4, cursor });
    assert.deepEqual(fieldOf(next, 'id'), [11, 2, 12]);
    const again = await read({ stream: 'delta', mode: 'incremental', cursorField: 'updated_at', keyField: 'id', cursor: next.at(-1)!.cursor });
    assert.deepEqual(again, []);
  });

  test('turns values Avro cannot hold into invalid rows with reasons, and reads on', async () => {
    const t = `${db.admin.escapeIdentifier(db.name)}.odd`;
    await db.admin.query(`CREATE TABLE ${t} (id int PRIMARY KEY, big bigint, at timestamptz)`);
    await db.admin.query(`INSERT INTO ${t} VALUES (1, 1, now()), (2, 9223372036854775807, 'infinity'), (3, 3, now())`);
    const [batch] = await read({ stream: 'odd', keyField: 'id', batchSize: 10 });
    assert.deepEqual(batch.records.map((r) => r.value.id), [1, 3]);
    assert.equal(batch.invalid.length, 1);
    const [bad] = batch.invalid;
    assert.equal(bad.key, '2');
    assert.deepEqual(bad.reasons.map((r) => [r.code, r.field]), [['OUT_OF_RANGE', 'big'], ['OUT_OF_RANGE', 'at']]);
    assert.match(bad.reasons[0].message, /9223372036854775807/);
    assert.deepEqual(JSON.parse(bad.raw), { id: '2', big: '9223372036854775807', at: 'infinity' });
    assert.deepEqual(batch.cursor.lastKey, '3');
  });

  test('reads a query stream, wrapped as a subquery, incrementally and without a key in full', async () => {
    const config = db.config({ queries: [{ name: 'paid_orders', sql: `SELECT id, updated_at, total FROM ${table} WHERE paid -- only paid\n;` }] });
    const streams = await postgresSource.discover(config, db.secrets);
    const paid = streams.find((s) => s.name === 'paid_orders');
    assert.deepEqual(paid?.schema.fields.map((f) => f.name), ['id', 'updated_at', 'total']);
    const incremental = await collect(postgresSource.read(config, db.secrets, { stream: 'paid_orders', mode: 'incremental', cursorField: 'updated_at', keyField: 'id', batchSize: 3 }));
    assert.deepEqual(fieldOf(incremental, 'id'), [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    const unkeyed = await collect(postgresSource.read(config, db.secrets, { stream: 'paid_orders', mode: 'full', batchSize: 5 }));
    assert.deepEqual(unkeyed.map((b) => b.records.length), [5, 5, 2]);
    assert.deepEqual((fieldOf(unkeyed, 'id') as number[]).sort((a, b) => a - b), [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
  });

  test('stops a read when its signal aborts, throwing the reason', async () => {
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    let batches = 0;
    await assert.rejects(async () => {
      for await (const _ of postgresSource.read(db.config(), db.secrets, { stream: 'orders', mode: 'full', keyField: 'id', batchSize: 5, signal: controller.signal })) {
        batches++;
        controller.abort(reason);
      }
    }, reason);
    assert.equal(batches, 1);
  });
});
