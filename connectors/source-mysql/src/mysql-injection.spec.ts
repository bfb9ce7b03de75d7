import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError, type ReadOptions } from '@tributary/connectors';
import { mysqlSource } from './mysql-source';
import { collect, fieldOf, scratchDatabase } from './testing/scratch-database';

const configError = (pattern: RegExp) => (e: unknown) => e instanceof ConnectorError && e.code === 'config' && pattern.test(e.message);

describe('mysql source: identifiers and queries from config are never SQL (MariaDB)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  before(async () => {
    db = await scratchDatabase('inject');
    await db.admin.query('CREATE TABLE orders (id INT PRIMARY KEY, updated_at DATETIME NOT NULL, `we``ird; col` TEXT, maybe INT, doc JSON)');
    await db.admin.query("INSERT INTO orders VALUES (1, NOW(), 'a', NULL, '{}'), (2, NOW(), 'b', 2, '{}')");
    await db.admin.query('CREATE TABLE `odd.name; x` (id INT PRIMARY KEY)');
    await db.admin.query('INSERT INTO `odd.name; x` VALUES (7)');
    await db.admin.query('CREATE FUNCTION sneaky() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO orders VALUES (99, NOW(), NULL, NULL, NULL); RETURN 1; END');
  });
  after(() => db.drop());

  const read = (options: Partial<ReadOptions>, extra = {}) =>
    collect(mysqlSource.read(db.config(extra), db.secrets, { stream: 'orders', mode: 'full', batchSize: 10, ...options }));
  const count = async () => ((await db.admin.query('SELECT COUNT(*) AS n FROM orders'))[0] as { n: number }[])[0].n;

  test('a stream name that is not a table in the catalog is not found, whatever it holds', async () => {
    for (const stream of ['orders`; DROP TABLE orders; --', "orders' OR '1'='1", 'orders; DELETE FROM orders']) {
      await assert.rejects(read({ stream }), (e: unknown) => e instanceof ConnectorError && e.code === 'not-found', stream);
    }
    assert.equal(await count(), 2);
  });

  test('cursor and key fields must be orderable columns of the stream', async () => {
    await assert.rejects(read({ mode: 'incremental', cursorField: 'updated_at` > 0 OR 1=1 -- ', keyField: 'id' }), configError(/has no column .*; its columns are id, updated_at/));
    await assert.rejects(read({ keyField: 'maybe' }), configError(/may be NULL/));
    await assert.rejects(read({ mode: 'incremental', cursorField: 'doc', keyField: 'id' }), configError(/'doc' \(json\) cannot be a cursor or key/));
    assert.equal(await count(), 2);
  });

  test('names with backticks, dots and semicolons are read through quoting, as the names they are', async () => {
    assert.deepEqual(fieldOf(await read({ keyField: 'id' }), 'we_ird__col'), ['a', 'b']);
    assert.deepEqual(fieldOf(await read({ stream: 'odd.name; x', keyField: 'id' }), 'id'), [7]);
  });

  test('a query stream must be one SELECT without parameters', async () => {
    const queries = (sql: string) => ({ queries: [{ name: 'q', sql }] });
    await assert.rejects(read({ stream: 'q' }, queries('SELECT * FROM orders; DROP TABLE orders')), configError(/one statement/));
    await assert.rejects(read({ stream: 'q' }, queries('DELETE FROM orders')), configError(/one SELECT/));
    await assert.rejects(read({ stream: 'q' }, queries('SELECT * FROM orders WHERE id > ?')), configError(/parameters/));
    assert.equal(await count(), 2);
  });

  test('a query stream cannot write, even through a function: every transaction is read-only', async () => {
    await assert.rejects(read({ stream: 'q' }, { queries: [{ name: 'q', sql: 'SELECT sneaky() AS id' }] }), (e: unknown) => e instanceof ConnectorError && e.code === 'denied' && /READ ONLY/i.test(e.message));
    assert.equal(await count(), 2);
  });
});
