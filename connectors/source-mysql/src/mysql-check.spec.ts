import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '@tributary/testing';
import { CONNECTOR_FAILURES, ConnectorError } from '@tributary/connectors';
import { mysqlSource } from './mysql-source';
import { scratchDatabase } from './testing/scratch-database';

describe('mysql source: check (MariaDB)', () => {
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  before(async () => {
    db = await scratchDatabase('check');
  });
  after(() => db.drop());

  test('is ok with a reachable server and valid queries', async () => {
    assert.deepEqual(await mysqlSource.check(db.config({ queries: [{ name: 'one', sql: 'SELECT 1 AS one' }] }), db.secrets), { ok: true });
  });

  test('names the server it cannot reach, as unreachable and retriable', async () => {
    const port = await freePort();
    const result = await mysqlSource.check(db.config({ connectTimeoutMs: 2000 }), { ...db.secrets, port });
    assert.ok(!result.ok && result.code === 'unreachable' && result.reason.includes(`127.0.0.1:${port}`), JSON.stringify(result));
    assert.ok(!result.ok && CONNECTOR_FAILURES[result.code].retriable);
  });

  test('says a wrong password is an auth failure without echoing the password', async () => {
    const result = await mysqlSource.check(db.config(), { ...db.secrets, password: 'hunter2-secret' });
    assert.ok(!result.ok && result.code === 'auth', JSON.stringify(result));
    assert.match(!result.ok ? result.reason : '', /Access denied for user 'root'/);
    assert.ok(!JSON.stringify(result).includes('hunter2'));
  });

  test('says an unknown database is not found, and names a query that does not run', async () => {
    const database = await mysqlSource.check(db.config(), { ...db.secrets, database: 'no_such_db_x' });
    assert.ok(!database.ok && database.code === 'not-found' && database.reason.includes('no_such_db_x'), JSON.stringify(database));
    const query = await mysqlSource.check(db.config({ queries: [{ name: 'broken', sql: 'SELECT nope FROM no_such_table' }] }), db.secrets);
    assert.ok(!query.ok && query.code === 'not-found' && query.reason.includes('no_such_table'), JSON.stringify(query));
  });

  test('discover throws the same reasons as ConnectorErrors', async () => {
    await assert.rejects(mysqlSource.discover(db.config(), { ...db.secrets, password: 'wrong' }), (e: unknown) => e instanceof ConnectorError && e.code === 'auth' && !e.retriable && !e.message.includes('wrong'));
  });
});
