import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { freePort } from '@tributary/testing';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import type { ConnectionView } from './connection-catalog';
import type { CheckAnswer, DiscoverAnswer } from './connection-probe';
import { mariadbErp, postgresErp, type ErpDatabase } from './testing/erp-databases';

// Against the servers on this machine: PostgreSQL (source-postgres) and MariaDB (source-mysql).
// Every failure must come back as an answer; ControlPlaneFixture.stop fails on any logged error.
describe('check and discover against the real PostgreSQL and MariaDB', () => {
  let cp: ControlPlaneFixture;
  let admin: string;
  let operator: string;
  let pg: ErpDatabase;
  let maria: ErpDatabase;
  const wrongPassword = `not-the-password-${randomBytes(6).toString('hex')}`;

  const secret = (name: string, value: unknown) => cp.call('PUT', `/tenants/acme/secrets/${name}`, { token: admin, body: { value } }).then((a) => assert.equal(a.status, 200, a.text));
  const connection = (name: string, body: object) => cp.call('PUT', `/tenants/acme/connections/${name}`, { token: admin, body }).then((a) => assert.ok(a.status < 300, a.text));
  const check = (name: string) => cp.call<CheckAnswer>('POST', `/tenants/acme/connections/${name}/check`, { token: operator });
  const discover = (name: string) => cp.call<DiscoverAnswer>('GET', `/tenants/acme/connections/${name}/discover`, { token: operator });

  before(async () => {
    [pg, maria] = await Promise.all([postgresErp(), mariadbErp()]);
    cp = await ControlPlaneFixture.start();
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    admin = await cp.createTenant(root, 'acme');
    await cp.call('POST', '/tenants/acme/users', { token: admin, body: { email: 'ops@acme.test', password: 'operator password', role: 'operator' } });
    operator = await cp.login('ops@acme.test', 'operator password');
    await secret('pg-erp', pg.secret);
    await secret('maria-erp', maria.secret);
    await secret('maria-wrong', { ...maria.secret, password: wrongPassword });
    await secret('pg-no-role', { ...pg.secret, user: 'no_such_role_x' });
    await connection('pg', { connector: 'postgres', secretName: 'pg-erp' });
    await connection('maria', { connector: 'mysql', secretName: 'maria-erp' });
    await connection('maria-wrong', { connector: 'mysql', secretName: 'maria-wrong' });
    await connection('pg-no-role', { connector: 'postgres', secretName: 'pg-no-role' });
  });
  after(async () => {
    await cp?.stop();
    await Promise.all([pg?.drop(), maria?.drop()]);
  });

  test('a PostgreSQL connection checks ok and discovers public.orders with its schema', async () => {
    const checked = await check('pg');
    assert.equal(checked.status, 200);
    assert.deepEqual({ ...checked.body, latencyMs: typeof checked.body.latencyMs, checkedAt: undefined }, { connection: 'pg', connector: 'postgres', ok: true, latencyMs: 'number', checkedAt: undefined });
    const view = await cp.call<ConnectionView>('GET', '/tenants/acme/connections/pg', { token: operator });
    assert.equal(view.body.lastCheck?.ok, true);
    const found = await discover('pg');
    assert.ok(found.body.ok, found.text);
    const orders = found.body.streams.find((s) => s.name === 'public.orders');
    assert.ok(orders, found.text);
    assert.deepEqual([orders.fields.map((f) => f.sourceName), orders.primaryKey, orders.schema.type], [['order_id', 'total', 'updated_at'], ['order_id'], 'record']);
  });

  test('a MariaDB connection checks ok and discovers its orders table', async () => {
    const checked = await check('maria');
    assert.equal(checked.body.ok, true, checked.text);
    const found = await discover('maria');
    assert.ok(found.body.ok, found.text);
    assert.deepEqual(found.body.streams.map((s) => [s.name, s.fields.map((f) => f.sourceName)]), [[`${maria.secret.database}.orders`, ['order_id', 'total', 'updated_at']]]);
  });

  test('a wrong MariaDB password fails cleanly: code auth, not retriable, the server\'s reason, and no password', async () => {
    const checked = await check('maria-wrong');
    assert.equal(checked.status, 200);
    assert.ok(!checked.body.ok, checked.text);
    assert.deepEqual([checked.body.code, checked.body.retriable], ['auth', false]);
    assert.match(checked.body.message, /Access denied for user 'root'/);
    const found = await discover('maria-wrong');
    assert.ok(found.status === 200 && !found.body.ok && found.body.code === 'auth', found.text);
    const view = await cp.call<ConnectionView>('GET', '/tenants/acme/connections/maria-wrong', { token: operator });
    assert.deepEqual([view.body.lastCheck?.ok, view.body.lastCheck?.code], [false, 'auth']);
    for (const text of [checked.text, found.text, view.text]) assert.ok(!text.includes(wrongPassword));
  });

  test('an unknown PostgreSQL role is an auth failure too', async () => {
    const checked = await check('pg-no-role');
    assert.ok(!checked.body.ok && checked.body.code === 'auth' && checked.body.message.includes('no_such_role_x'), checked.text);
  });

  test('an unreachable server is a retriable failure naming the address', async () => {
    const port = await freePort();
    await secret('pg-nowhere', { ...pg.secret, port });
    await connection('pg-nowhere', { connector: 'postgres', secretName: 'pg-nowhere', config: { connectTimeoutMs: 2000 } });
    const checked = await check('pg-nowhere');
    assert.ok(!checked.body.ok && checked.body.code === 'unreachable' && checked.body.retriable && checked.body.message.includes(`127.0.0.1:${port}`), checked.text);
  });

  test('a secret that does not fit its connector, or is gone, is a config failure saying why', async () => {
    await secret('pg-partial', { host: '127.0.0.1' });
    await secret('pg-text', 'just a password');
    await secret('pg-doomed', pg.secret);
    await connection('pg-partial', { connector: 'postgres', secretName: 'pg-partial' });
    await connection('pg-text', { connector: 'postgres', secretName: 'pg-text' });
    await connection('pg-doomed', { connector: 'postgres', secretName: 'pg-doomed' });
    await cp.call('DELETE', '/tenants/acme/secrets/pg-doomed', { token: admin });
    const reasons = await Promise.all(['pg-partial', 'pg-text', 'pg-doomed'].map(async (name) => (await check(name)).body));
    assert.deepEqual(reasons.map((r) => [r.ok, !r.ok && r.code]), [[false, 'config'], [false, 'config'], [false, 'config']]);
    const [partial, text, doomed] = reasons.map((r) => (!r.ok ? r.message : ''));
    assert.match(partial, /^the secret 'pg-partial' does not fit the postgres connector: secrets\.database: .*; secrets\.user: /);
    assert.equal(text, "the secret 'pg-text' must be a JSON object of the postgres connector's fields (host, port, database, user, password, ssl); it is not JSON");
    assert.match(doomed, /^the secret 'pg-doomed' does not exist \(any more\); store it with/);
  });

  test('an unknown connection is a 404, and a customer may not check one', async () => {
    const missing = await check('nope');
    assert.deepEqual([missing.status, (missing.body as unknown as { message: string }).message], [404, "no connection 'nope' in tenant 'acme'"]);
    await cp.call('POST', '/tenants/acme/users', { token: admin, body: { email: 'buyer@acme.test', password: 'customer password', role: 'customer' } });
    const customer = await cp.login('buyer@acme.test', 'customer password');
    assert.equal((await cp.call('POST', '/tenants/acme/connections/pg/check', { token: customer })).status, 403);
  });
});
