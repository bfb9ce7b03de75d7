import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAvroSchema } from '@tributary/avro';
import type { ReadOptions } from '@tributary/connectors';
import { mysqlSource } from './mysql-source';
import { collect, fieldOf, scratchDatabase } from './testing/scratch-database';

describe('mysql source: reading (MariaDB)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;

  before(async () => {
    db = await scratchDatabase('read');
    await db.admin.query(`CREATE TABLE orders (
      id BIGINT PRIMARY KEY, updated_at DATETIME(6) NOT NULL, total DECIMAL(12,2) NOT NULL, note VARCHAR(50),
      day DATE, paid BIT(1), payload JSON, raw VARBINARY(8), ratio DOUBLE, qty INT UNSIGNED, created TIMESTAMP(3) NULL)`);
    // 25 rows in 4 cursor groups of up to 7: every batch boundary of 5 falls among ties.
    const values = Array.from({ length: 25 }, (_, i) => {
      const g = i + 1;
      return `(${g}, TIMESTAMPADD(SECOND, ${Math.floor(i / 7)}, '2024-05-01 10:00:00.000100'), ${g * 1.5}, 'order ${g}',
        DATE_ADD('2024-05-01', INTERVAL ${g} DAY), ${g % 2 === 0 ? "b'1'" : "b'0'"}, '{"n": ${g}}', 0x0102, ${g / 4}, ${g * 1000}, '2024-05-01 10:00:00.250')`;
    });
    await db.admin.query(`INSERT INTO orders VALUES ${values.join(', ')}`);
  });
  after(() => db.drop());

  const read = (options: Partial<ReadOptions> = {}, config = db.config()) =>
    collect(mysqlSource.read(config, db.secrets, { stream: 'orders', mode: 'full', batchSize: 5, ...options }));

  test('discovers the table with its primary key and Avro types from its column types', async () => {
    const streams = await mysqlSource.discover(db.config(), db.secrets);
    const orders = streams.find((s) => s.name === `${db.name}.orders`);
    assert.ok(orders, `discover found ${streams.map((s) => s.name).join(', ')}`);
    assert.deepEqual(orders.primaryKey, ['id']);
    const types = Object.fromEntries(orders.schema.fields.map((f) => [f.name, f.type]));
    assert.deepEqual(types.id, 'long');
    assert.deepEqual(types.updated_at, { type: 'long', logicalType: 'timestamp-millis' });
    assert.deepEqual(types.total, { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 });
    assert.deepEqual(types.day, ['null', { type: 'int', logicalType: 'date' }]);
    assert.deepEqual(types.paid, ['null', 'boolean']);
    assert.deepEqual(types.raw, ['null', 'bytes']);
    assert.deepEqual(types.qty, ['null', 'long'], 'INT UNSIGNED does not fit an int');
    assert.deepEqual(types.created, ['null', { type: 'long', logicalType: 'timestamp-millis' }]);
    assert.equal(orders.fields.find((f) => f.sourceName === 'total')?.sourceType, 'decimal(12,2)');
  });

  test('reads the whole table in batches, every record encodable with the discovered schema', async () => {
    const [orders] = (await mysqlSource.discover(db.config(), db.secrets)).filter((s) => s.name.endsWith('.orders'));
    const type = parseAvroSchema(orders.schema);
    const batches = await read({ keyField: 'id' });
    assert.deepEqual(batches.map((b) => b.records.length), [5, 5, 5, 5, 5]);
    assert.deepEqual(fieldOf(batches, 'id'), Array.from({ length: 25 }, (_, i) => i + 1));
    assert.deepEqual(batches[0].records[1].value, {
      id: 2, updated_at: new Date('2024-05-01T10:00:00.000Z'), total: '3.00', note: 'order 2', day: '2024-05-03', paid: true,
      payload: '{"n": 2}', raw: Buffer.from([1, 2]), ratio: 0.5, qty: 2000, created: new Date('2024-05-01T10:00:00.250Z'),
    });
    for (const record of batches.flatMap((b) => b.records)) assert.deepEqual({ ...type.fromBuffer(type.toBuffer(record.value)) }, record.value);
  });

  test('reads incrementally by (cursor, key) with ties at every batch boundary, and resumes from each cursor exactly', async () => {
    const options = { mode: 'incremental', cursorField: 'updated_at', keyField: 'id' } as const;
    const batches = await read(options);
    const all = fieldOf(batches, 'id');
    assert.deepEqual(all, Array.from({ length: 25 }, (_, i) => i + 1));
    assert.deepEqual(batches[0].cursor, { cursorValue: '2024-05-01T10:00:00.000100Z', lastKey: '5', state: {} });
    for (const [i, batch] of batches.entries()) {
      const rest = await read({ ...options, cursor: batch.cursor });
      assert.deepEqual(fieldOf(rest, 'id'), all.slice((i + 1) * 5), `resuming after batch ${i}`);
    }
  });

  test('an incremental read after changes reads exactly the rows past the cursor, ties, microseconds and big keys included', async () => {
    await db.admin.query('CREATE TABLE delta (id BIGINT UNSIGNED PRIMARY KEY, updated_at DATETIME(6) NOT NULL, amount DECIMAL(30,10) NOT NULL)');
    // Keys past 2^53 differ in their last digit: compared as doubles they would be equal.
    await db.admin.query(`INSERT INTO delta VALUES
      (9007199254740993, '2024-01-01 00:00:00.000001', 1), (9007199254740994, '2024-01-01 00:00:00.000001', 2),
      (1, '2024-01-01 00:00:00.000002', 3), (2, '2024-01-01 00:00:00.000002', 4)`);
    const options = { stream: 'delta', mode: 'incremental', cursorField: 'updated_at', keyField: 'id', batchSize: 1 } as const;
    const first = await read(options);
    assert.equal(first.length, 4);
    assert.deepEqual(first.flatMap((b) => b.invalid.map((r) => r.key)), ['9007199254740993', '9007199254740994'], 'keys past 2^53 are invalid as longs, yet paged exactly');
    assert.deepEqual(fieldOf(first, 'id'), [1, 2]);
    const cursor = first.at(-1)!.cursor;
    assert.deepEqual(cursor, { cursorValue: '2024-01-01T00:00:00.000002Z', lastKey: '2', state: {} });
    await db.admin.query("INSERT INTO delta VALUES (3, '2024-01-01 00:00:00.000002', 5), (4, '2024-01-01 00:00:01', 6)");
    await db.admin.query("UPDATE delta SET updated_at = '2024-01-01 00:00:02', amount = 7 WHERE id = 1");
    const next = await read({ ...options, cursor });
    assert.deepEqual(fieldOf(next, 'id'), [3, 4, 1]);
    assert.deepEqual(fieldOf(next, 'amount'), ['5.0000000000', '6.0000000000', '7.0000000000']);
  });

  test('resumes a full read by a string key', async () => {
    await db.admin.query('CREATE TABLE codes (code VARCHAR(10) PRIMARY KEY, n INT)');
    await db.admin.query("INSERT INTO codes VALUES ('a', 1), ('b', 2), ('c', 3), ('d', 4), ('e', 5)");
    const batches = await read({ stream: 'codes', keyField: 'code', batchSize: 2 });
    assert.deepEqual(fieldOf(batches, 'code'), ['a', 'b', 'c', 'd', 'e']);
    const rest = await read({ stream: 'codes', keyField: 'code', batchSize: 2, cursor: batches[0].cursor });
    assert.deepEqual(fieldOf(rest, 'code'), ['c', 'd', 'e']);
  });

  test('turns zero dates and out-of-range values into invalid rows with reasons, and reads on', async () => {
    await db.admin.query("SET SESSION sql_mode = ''");
    await db.admin.query('CREATE TABLE odd (id INT PRIMARY KEY, d DATE, big BIGINT)');
    await db.admin.query("INSERT INTO odd VALUES (1, '2024-01-01', 1), (2, '0000-00-00', 9223372036854775807), (3, NULL, 3)");
    const [batch] = await read({ stream: 'odd', keyField: 'id', batchSize: 10 });
    assert.deepEqual(fieldOf([batch], 'id'), [1, 3]);
    const [bad] = batch.invalid;
    assert.deepEqual(bad.reasons.map((r) => [r.code, r.field]), [['OUT_OF_RANGE', 'd'], ['OUT_OF_RANGE', 'big']]);
    assert.deepEqual(JSON.parse(bad.raw), { id: 2, d: '0000-00-00', big: '9223372036854775807' });
    assert.equal(batch.cursor.lastKey, '3');
  });

  test('reads a query stream incrementally and, without a key, streamed in full', async () => {
    const config = db.config({ queries: [{ name: 'paid', sql: "SELECT id, updated_at, total FROM orders WHERE paid = b'1' # paid only\n;" }] });
    const incremental = await read({ stream: 'paid', mode: 'incremental', cursorField: 'updated_at', keyField: 'id', batchSize: 3 }, config);
    assert.deepEqual(fieldOf(incremental, 'id'), [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
    const unkeyed = await read({ stream: 'paid', batchSize: 5 }, config);
    assert.deepEqual(unkeyed.map((b) => b.records.length), [5, 5, 2]);
    assert.deepEqual((fieldOf(unkeyed, 'id') as number[]).sort((a, b) => a - b), [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
  });

  test('stops a streamed read when its signal aborts, throwing the reason', async () => {
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    let batches = 0;
    await assert.rejects(async () => {
      for await (const _ of mysqlSource.read(db.config(), db.secrets, { stream: 'orders', mode: 'full', batchSize: 5, signal: controller.signal })) {
        batches++;
        controller.abort(reason);
      }
    }, reason);
    assert.equal(batches, 1);
  });
});
