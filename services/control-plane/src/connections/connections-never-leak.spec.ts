import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { mariadbErp, postgresErp, type ErpDatabase } from './testing/erp-databases';

// A connection's secret is opened in the control plane for check and discover. Whichever way
// that goes (it works, the server refuses it, it does not fit the connector, it is not even
// JSON), no part of it comes back in an answer or reaches a log line.

// Random first: an echo may be cut short (JSON.parse quotes the first 10 characters of a long
// text), so a leak is any answer or line holding the first 10 characters.
const marker = (what: string) => `${randomBytes(8).toString('hex')}-plaintext-${what}`;
const leaked = (text: string, m: string) => text.includes(m.slice(0, 10));

describe('connection secrets never appear in an answer or a log line', () => {
  let cp: ControlPlaneFixture;
  let admin: string;
  let root: string;
  let pg: ErpDatabase;
  let maria: ErpDatabase;
  const markers: string[] = [];
  const connections: string[] = [];

  /** Stores `value(marker)` as secret `name` and a connection of `connector` through it. */
  const bind = async (name: string, connector: string, value: (m: string) => unknown) => {
    const m = marker(name);
    markers.push(m);
    const stored = await cp.call('PUT', `/tenants/acme/secrets/${name}`, { token: admin, body: { value: value(m) } });
    assert.equal(stored.status, 200, stored.text);
    const made = await cp.call('PUT', `/tenants/acme/connections/${name}`, { token: admin, body: { connector, secretName: name } });
    assert.equal(made.status, 201, made.text);
    connections.push(name);
  };

  before(async () => {
    [pg, maria] = await Promise.all([postgresErp(), mariadbErp()]);
    cp = await ControlPlaneFixture.start();
    root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    admin = await cp.createTenant(root, 'acme');
    // Accepted (PostgreSQL here trusts 127.0.0.1, so the password is sent and ignored).
    await bind('pg-ok', 'postgres', (m) => ({ ...pg.secret, password: m }));
    // Refused by the server.
    await bind('maria-refused', 'mysql', (m) => ({ ...maria.secret, password: m }));
    // Not fitting the connector: plain text, broken JSON, fields of the wrong kind, unknown fields.
    await bind('pg-text', 'postgres', (m) => m);
    await bind('pg-broken-json', 'postgres', (m) => `{"host": "127.0.0.1", "password": "${m}", oops`);
    await bind('pg-bad-port', 'postgres', (m) => ({ ...pg.secret, port: m, password: m }));
    await bind('maria-bad-ssl', 'mysql', (m) => ({ ...maria.secret, ssl: m }));
    await bind('pg-extra', 'postgres', (m) => ({ ...pg.secret, apiToken: m }));
  });
  after(async () => {
    await cp?.stop();
    await Promise.all([pg?.drop(), maria?.drop()]);
  });

  test('check and discover answer for every one of them, as answers, not errors', async () => {
    const outcomes: string[] = [];
    for (const name of connections) {
      const checked = await cp.call<{ ok: boolean; code?: string }>('POST', `/tenants/acme/connections/${name}/check`, { token: admin });
      const found = await cp.call<{ ok: boolean; code?: string }>('GET', `/tenants/acme/connections/${name}/discover`, { token: admin });
      assert.deepEqual([checked.status, found.status], [200, 200]);
      outcomes.push(`${name}: ${checked.body.code ?? 'ok'}/${found.body.code ?? 'ok'}`);
    }
    assert.deepEqual(outcomes, [
      'pg-ok: ok/ok', 'maria-refused: auth/auth', 'pg-text: config/config', 'pg-broken-json: config/config',
      'pg-bad-port: config/config', 'maria-bad-ssl: config/config', 'pg-extra: config/config',
    ]);
  });

  test('reading everything about connections shows secret names, never values', async () => {
    for (const path of ['/tenants/acme/connections', '/tenants/acme/audit?limit=1000', '/tenants/acme/secrets', ...connections.map((c) => `/tenants/acme/connections/${c}`)]) {
      assert.equal((await cp.call('GET', path, { token: admin })).status, 200, path);
    }
    const rejected = marker('rejected-body');
    markers.push(rejected);
    const refused = await cp.call('PUT', '/tenants/acme/connections/pg-ok', { token: admin, body: { connector: 'postgres', secretName: 'pg-ok', password: rejected } });
    assert.equal(refused.status, 400);
  });

  test('no answer and no log line contains any of the secrets', async () => {
    // The capture really holds the traffic: each check and discover was logged.
    assert.equal(cp.logLines.filter((l) => l.includes('"msg":"connection checked"')).length, connections.length);
    assert.equal(cp.logLines.filter((l) => l.includes('"msg":"connection discovered"')).length, connections.length);
    const leaks: string[] = [];
    for (const m of markers) {
      if (cp.answers.some((a) => leaked(a, m))) leaks.push(`answer contains ${m}`);
      if (cp.logLines.some((l) => leaked(l, m))) leaks.push(`log contains ${m}`);
    }
    assert.deepEqual(leaks, []);
  });
});
