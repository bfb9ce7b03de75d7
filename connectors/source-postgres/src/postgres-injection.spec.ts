import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError, type ReadOptions } from '@tributary/connectors';
import { postgresSource } from './postgres-source';
import { collect, fieldOf, scratchSchema } from './testing/scratch-schema';

const configError = (pattern: RegExp) => (e: unknown) => e instanceof ConnectorError && e.code === 'config' && pattern.test(e.message);

describe('postgres source: identifiers and queries from config are never SQL', () => {
  let db: Awaited<ReturnType<typeof scratchSchema>>;
  let orders: string;
  before(async () => {
    db = await scratchSchema('inject');
    orders = `${db.admin.escapeIdentifier(db.name)}.orders`;
    await db.admin.query(`CREATE TABLE ${orders} (id int PRIMARY KEY, updated_at timestamptz NOT NULL, "we""ird; col" text, maybe int)`);
    await db.admin.query(`INSERT INTO ${orders} VALUES (1, now(), 'a', NULL), (2, now(), 'b', 2)`);
    await db.admin.query(`CREATE TABLE ${db.admin.escapeIdentifier(db.name)}."Odd ""Name""; x" (id int PRIMARY KEY)`);
    await db.admin.query(`INSERT INTO ${db.admin.escapeIdentifier(db.name)}."Odd ""Name""; x" VALUES (7)`);
    await db.admin.query(`CREATE FUNCTION ${db.admin.escapeIdentifier(db.name)}.sneaky() RETURNS int LANGUAGE sql AS $$ INSERT INTO ${orders} VALUES (99, now(), 'x', 0) RETURNING id $$`);
  });
  after(() => db.drop());

  const read = (options: Partial<ReadOptions>, extra = {}) =>
    collect(postgresSource.read(db.config(extra), db.secrets, { stream: 'orders', mode: 'full', batchSize: 10, ...options }));
  const tableStillThere = async () => (await db.admin.query(`SELECT count(*)::int AS n FROM ${orders}`)).rows[0].n;

  test('a stream name that is not a table in the catalog is refused, whatever it holds', async () => {
    for (const stream of [`orders"; DROP TABLE ${orders}; --`, "orders' OR '1'='1", `${db.name}.orders; DELETE FROM ${orders}`]) {
      await assert.rejects(read({ stream }), (e: unknown) => e instanceof ConnectorError && ['not-found', 'config'].includes(e.code) && !e.retriable, stream);
    }
    await assert.rejects(read({ stream: 'pg_catalog.pg_authid' }), configError(/not among the configured schemas/));
    assert.equal(await tableStillThere(), 2);
  });

  test('cursor and key fields must be columns of the stream', async () => {
    await assert.rejects(read({ mode: 'incremental', cursorField: 'updated_at" > now() OR 1=1 --', keyField: 'id' }), configError(/has no column "updated_at\\" > now\(\) OR 1=1 --"; its columns are id, updated_at/));
    await assert.rejects(read({ keyField: 'id; DROP TABLE orders' }), configError(/no column/));
    assert.equal(await tableStillThere(), 2);
  });

  test('a key that may be NULL, or a column without an exact order, is refused', async () => {
    await assert.rejects(read({ keyField: 'maybe' }), configError(/may be NULL/));
    await assert.rejects(read({ mode: 'incremental', cursorField: 'updated_at' }), configError(/needs keyField/));
  });

  test('names with quotes and semicolons are read through quoting, as the names they are', async () => {
    const batches = await read({ keyField: 'id' });
    assert.deepEqual(fieldOf(batches, 'we_ird__col'), ['a', 'b']);
    const odd = await read({ stream: 'Odd "Name"; x', keyField: 'id' });
    assert.deepEqual(fieldOf(odd, 'id'), [7]);
  });

  test('a query stream must be one SELECT without parameters', async () => {
    const queries = (sql: string) => ({ queries: [{ name: 'q', sql }] });
    await assert.rejects(read({ stream: 'q' }, queries(`SELECT * FROM ${orders}; DROP TABLE ${orders}`)), configError(/query q: the query must be one statement/));
    await assert.rejects(read({ stream: 'q' }, queries(`DELETE FROM ${orders} RETURNING *`)), configError(/one SELECT/));
    await assert.rejects(read({ stream: 'q' }, queries(`SELECT * FROM ${orders} WHERE id > $1`)), configError(/parameters/));
    assert.equal(await tableStillThere(), 2);
  });

  test('a query stream cannot write, even through a function: the session is read-only', async () => {
    await assert.rejects(
      read({ stream: 'q' }, { queries: [{ name: 'q', sql: `SELECT ${db.admin.escapeIdentifier(db.name)}.sneaky() AS id` }] }),
      (e: unknown) => e instanceof ConnectorError && e.code === 'denied' && /read-only transaction/.test(e.message),
    );
    assert.equal(await tableStillThere(), 2);
  });
});
