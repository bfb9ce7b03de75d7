import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import type { ConnectionView } from './connection-catalog';
import type { CheckAnswer, DiscoverAnswer } from './connection-probe';

const POSTGRES = { connector: 'postgres', config: { schemas: ['sales'] }, secretName: 'erp-db', description: 'the ERP database' };

describe('connections: a connector, its config and the name of its secret, per tenant', () => {
  let cp: ControlPlaneFixture;
  let admin: string;
  let root: string;

  before(async () => {
    cp = await ControlPlaneFixture.start();
    root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    admin = await cp.createTenant(root, 'acme');
    await cp.createTenant(root, 'globex');
    await cp.call('PUT', '/tenants/acme/secrets/erp-db', { token: admin, body: { value: { host: 'db.acme', user: 'reader', password: 'pw' } } });
  });
  after(() => cp?.stop());

  const put = (name: string, body: unknown, tenant = 'acme') =>
    cp.call<ConnectionView & { created: boolean; issues?: { path: string; message: string }[] }>('PUT', `/tenants/${tenant}/connections/${name}`, { token: tenant === 'acme' ? admin : root, body });

  test('created (201), then replaced (200), read back with the config\'s defaults filled in', async () => {
    const created = await put('erp', POSTGRES);
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(
      { ...created.body, createdAt: undefined, updatedAt: undefined },
      {
        name: 'erp', connector: 'postgres', config: { schemas: ['sales'], queries: [], connectTimeoutMs: 10_000, statementTimeoutMs: 300_000 },
        secretName: 'erp-db', description: 'the ERP database', lastCheck: null, createdBy: 'admin@acme.test', updatedBy: 'admin@acme.test',
        created: true, createdAt: undefined, updatedAt: undefined,
      },
    );
    const replaced = await put('erp', { ...POSTGRES, config: { schemas: ['public'] } });
    assert.deepEqual([replaced.status, replaced.body.created, replaced.body.config.schemas], [200, false, ['public']]);
    const got = await cp.call<ConnectionView>('GET', '/tenants/acme/connections/erp', { token: admin });
    assert.deepEqual(got.body.config.schemas, ['public']);
    const list = await cp.call<{ items: ConnectionView[] }>('GET', '/tenants/acme/connections', { token: admin });
    assert.deepEqual(list.body.items.map((c) => c.name), ['erp']);
  });

  test('each fault is a 400 naming its field, the connector\'s own config fields included', async () => {
    const faults = async (body: unknown, name = 'bad') => {
      const answer = await put(name, body);
      assert.equal(answer.status, 400, answer.text);
      return answer.body.issues!.map((i) => i.path);
    };
    assert.deepEqual(await faults({ ...POSTGRES, connector: 'oracle' }), ['body.connector']);
    assert.deepEqual(await faults({ ...POSTGRES, config: { schemas: 'sales', connectTimeoutMs: 5 } }), ['body.config.schemas', 'body.config.connectTimeoutMs']);
    assert.deepEqual(await faults({ ...POSTGRES, config: { tables: ['orders'] } }), ['body.config']);
    assert.deepEqual(await faults({ connector: 'mysql' }), ['body.secretName']);
    assert.deepEqual(await faults({ ...POSTGRES, secretName: 'no-such-secret' }), ['body.secretName']);
    assert.deepEqual(await faults({ ...POSTGRES, password: 'x' }), ['body']);
    assert.deepEqual(await faults(POSTGRES, 'Not_A_Name'), ['params.connection']);
    const missing = await put('bad', { connector: 'postgres' });
    assert.match(missing.body.issues![0].message, /a postgres connection needs a secret holding host, port, database, user, password, ssl/);
    assert.equal((await cp.call('GET', '/tenants/acme/connections/bad', { token: admin })).status, 404);
  });

  test('every change is audited with the definition before and after; checks are not changes', async () => {
    await put('audited', { connector: 'file', config: { path: 'drops' } });
    await put('audited', { connector: 'file', config: { path: 'drops/orders' } });
    await cp.call('POST', '/tenants/acme/connections/audited/check', { token: admin });
    assert.equal((await cp.call('DELETE', '/tenants/acme/connections/audited', { token: admin })).status, 204);
    const audit = await cp.call<{ items: { action: string; before: { config: { path: string } } | null; after: { config: { path: string }; secretName: null } | null }[] }>(
      'GET', '/tenants/acme/audit?target=connection:audited', { token: admin },
    );
    assert.deepEqual(
      audit.body.items.map((e) => [e.action, e.before?.config.path ?? null, e.after?.config.path ?? null]),
      [['connection.delete', 'drops/orders', null], ['connection.write', 'drops', 'drops/orders'], ['connection.write', null, 'drops']],
    );
    assert.equal((await cp.call('GET', '/tenants/acme/connections/audited', { token: admin })).status, 404);
    assert.equal((await cp.call('DELETE', '/tenants/acme/connections/audited', { token: admin })).status, 404);
  });

  test('a file connection reads inside its tenant\'s file area only', async () => {
    const area = join(cp.data.path, 'files', 'acme', 'drops');
    mkdirSync(area, { recursive: true });
    writeFileSync(join(area, 'orders.csv'), 'order_id,total\n1,12.50\n');
    await put('drops', { connector: 'file', config: { path: 'drops' } });
    const check = await cp.call<CheckAnswer>('POST', '/tenants/acme/connections/drops/check', { token: admin });
    assert.equal(check.body.ok, true, check.text);
    const discovered = await cp.call<DiscoverAnswer>('GET', '/tenants/acme/connections/drops/discover', { token: admin });
    assert.ok(discovered.body.ok, discovered.text);
    assert.deepEqual(discovered.body.streams.map((s) => s.fields.map((f) => f.sourceName)), [['order_id', 'total']]);

    // The same folder named from another tenant's area climbs out of it; a missing folder is
    // named as configured, never by where the tenant's area is on the server's disk.
    await put('escape', { connector: 'file', config: { path: '../acme/drops' } }, 'globex');
    const refused = await cp.call<CheckAnswer>('POST', '/tenants/globex/connections/escape/check', { token: root });
    assert.ok(refused.status === 200 && !refused.body.ok && refused.body.code === 'denied' && !refused.body.retriable, refused.text);
    await put('absent', { connector: 'file', config: { path: 'not-yet' } }, 'globex');
    const absent = await cp.call<CheckAnswer>('POST', '/tenants/globex/connections/absent/check', { token: root });
    assert.ok(!absent.body.ok && absent.body.code === 'not-found', absent.text);
    assert.equal(absent.body.message, "'not-yet' does not exist");
  });

  test('GET /connectors lists every source connector with the JSON Schemas of its config and secret', async () => {
    const answer = await cp.call<{ items: { name: string; config: object; secrets: { properties?: Record<string, { writeOnly?: boolean }> } }[] }>('GET', '/connectors', { token: admin });
    assert.deepEqual(answer.body.items.map((c) => c.name), ['postgres', 'mysql', 'file']);
    assert.equal(answer.body.items[0].secrets.properties?.password.writeOnly, true);
  });
});
