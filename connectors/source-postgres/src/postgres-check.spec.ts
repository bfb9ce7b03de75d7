import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '@tributary/testing';
import { CONNECTOR_FAILURES, ConnectorError } from '@tributary/connectors';
import { postgresSecretsSchema } from './postgres-config';
import { postgresSource } from './postgres-source';
import { passwordCheckingServer } from './testing/password-checking-server';
import { scratchSchema } from './testing/scratch-schema';

describe('postgres source: check', () => {
  let db: Awaited<ReturnType<typeof scratchSchema>>;
  before(async () => {
    db = await scratchSchema('check');
  });
  after(() => db.drop());

  test('is ok with a reachable server, an existing schema and valid queries', async () => {
    const config = db.config({ queries: [{ name: 'one', sql: 'SELECT 1 AS one' }] });
    assert.deepEqual(await postgresSource.check(config, db.secrets), { ok: true });
  });

  test('names the server it cannot reach, as unreachable', async () => {
    const port = await freePort();
    const result = await postgresSource.check(db.config({ connectTimeoutMs: 2000 }), { ...db.secrets, port });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.code === 'unreachable' && result.reason.includes(`127.0.0.1:${port}`), JSON.stringify(result));
    assert.ok(!result.ok && CONNECTOR_FAILURES[result.code].retriable, 'the runtime may retry it');
  });

  test('says a wrong password is an auth failure without echoing the password', async () => {
    const server = await passwordCheckingServer();
    try {
      const secrets = postgresSecretsSchema.parse({ host: '127.0.0.1', port: server.port, database: 'erp', user: 'reader', password: 'hunter2-secret' });
      const result = await postgresSource.check(db.config(), secrets);
      assert.deepEqual(server.passwordsSeen, ['hunter2-secret'], 'the password was sent');
      assert.ok(!result.ok && result.code === 'auth', JSON.stringify(result));
      assert.ok(!result.ok && /password authentication failed for user "reader"/.test(result.reason));
      assert.ok(!JSON.stringify(result).includes('hunter2'));
    } finally {
      await server.close();
    }
  });

  test('says an unknown role is an auth failure and an unknown database is not found (real server)', async () => {
    const role = await postgresSource.check(db.config(), { ...db.secrets, user: 'no_such_role_x' });
    assert.ok(!role.ok && role.code === 'auth' && role.reason.includes('no_such_role_x'), JSON.stringify(role));
    const database = await postgresSource.check(db.config(), { ...db.secrets, database: 'no_such_db_x' });
    assert.ok(!database.ok && database.code === 'not-found' && database.reason.includes('no_such_db_x'), JSON.stringify(database));
  });

  test('names a configured schema that does not exist and a query that does not run', async () => {
    const schema = await postgresSource.check(db.config({ schemas: [db.name, 'no_such_schema'] }), db.secrets);
    assert.ok(!schema.ok && schema.code === 'not-found' && schema.reason.includes("'no_such_schema'"), JSON.stringify(schema));
    const query = await postgresSource.check(db.config({ queries: [{ name: 'broken', sql: 'SELECT nope FROM no_such_table' }] }), db.secrets);
    assert.ok(!query.ok && query.code === 'not-found' && query.reason.includes('no_such_table'), JSON.stringify(query));
  });

  test('discover throws the same reasons as ConnectorErrors', async () => {
    await assert.rejects(postgresSource.discover(db.config(), { ...db.secrets, database: 'no_such_db_x' }), (e: unknown) => e instanceof ConnectorError && e.code === 'not-found' && !e.retriable);
  });
});
