import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SecretEntity } from '@tributary/persistence';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { SecretStore } from './secret-store';

// Secrets are write-only: whatever path a value takes in (accepted, rejected, refused,
// malformed), it never comes back in an answer and never reaches a log line.

const marker = (what: string) => `plaintext-${what}-${randomBytes(8).toString('hex')}`;

describe('secret values never appear in an answer or a log line', () => {
  let cp: ControlPlaneFixture;
  let root: string;
  let admin: string;
  let engineer: string;
  let apiKey: string;
  const secrets: string[] = [];
  const passwords: string[] = [];

  before(async () => {
    cp = await ControlPlaneFixture.start();
    root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    admin = await cp.createTenant(root, 'acme');
    await cp.createTenant(root, 'globex');
    const password = marker('password');
    passwords.push(password, PLATFORM_ADMIN.password, 'acme admin password');
    await cp.call('POST', '/tenants/acme/users', { token: admin, body: { email: 'eng@acme.test', password, role: 'engineer' } });
    engineer = await cp.login('eng@acme.test', password);
    apiKey = (await cp.call<{ token: string }>('POST', '/tenants/acme/api-keys', { token: admin, body: { name: 'ci', role: 'engineer' } })).body.token;
  });
  after(() => cp?.stop());

  const put = (name: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${engineer}` }, tenant = 'acme') =>
    cp.call('PUT', `/tenants/${tenant}/secrets/${name}`, { headers, body });

  test('accepted writes answer with metadata only, and the value is stored sealed', async () => {
    const first = marker('string');
    const field = marker('field');
    const replacement = marker('replacement');
    secrets.push(first, field, replacement);
    const created = await put('erp', { value: first });
    assert.equal(created.status, 200, created.text);
    assert.deepEqual(Object.keys(created.body as object).sort(), ['createdAt', 'created', 'keyId', 'name', 'updatedAt', 'updatedBy'].sort());
    assert.equal((await put('erp', { value: replacement })).status, 200);
    assert.equal((await put('erp-object', { value: { host: 'db.acme', password: field } }, { 'x-api-key': apiKey })).status, 200);

    const store = cp.controlPlane.app.get(SecretStore, { strict: false });
    assert.equal(await store.open('acme', 'erp'), replacement);
    assert.deepEqual(JSON.parse(await store.open('acme', 'erp-object')), { host: 'db.acme', password: field });
    const rows = await cp.controlPlane.database.dataSource.getRepository(SecretEntity).find();
    for (const row of rows) for (const s of secrets) assert.ok(!row.sealed.includes(s), 'a value is stored in plaintext');
  });

  test('rejected, refused and malformed writes do not echo the value', async () => {
    const cases: [string, () => Promise<{ status: number }>, number][] = [];
    const add = (what: string, expected: number, send: (value: string) => Promise<{ status: number }>) => {
      const value = marker(what);
      secrets.push(value);
      cases.push([what, () => send(value), expected]);
    };
    add('invalid-json', 400, (v) => put('erp', `{"value": "${v}", oops}`));
    add('unknown-field', 400, (v) => put('erp', { value: 'x', note: v }));
    add('wrong-type', 400, (v) => put('erp', { value: [v] }));
    add('too-long', 400, (v) => put('erp', { value: v.repeat(2000) }));
    add('too-large-body', 413, (v) => put('erp', { value: v.repeat(5000) }));
    add('bad-name', 400, (v) => put('Not A Name', { value: v }));
    add('other-tenant', 403, (v) => put('erp', { value: v }, { authorization: `Bearer ${engineer}` }, 'globex'));
    add('anonymous', 401, (v) => put('erp', { value: v }, {}));
    add('revoked-style-garbage-key', 401, (v) => put('erp', { value: v }, { 'x-api-key': 'trb_0000000000000000_nope' }));
    for (const [what, send, expected] of cases) assert.equal((await send()).status, expected, what);
  });

  test('reading everything a caller can read shows names, never values', async () => {
    for (const path of ['/tenants/acme/secrets', '/tenants/acme/audit?limit=1000']) {
      assert.equal((await cp.call('GET', path, { token: admin })).status, 200);
    }
    assert.equal((await cp.call('GET', '/platform/audit?limit=1000', { token: root })).status, 200);
    assert.equal((await cp.call('POST', '/platform/secrets/rotate', { token: root })).status, 200);
    const list = await cp.call<{ items: { name: string }[] }>('GET', '/tenants/acme/secrets', { token: engineer });
    assert.deepEqual(list.body.items.map((s) => s.name), ['erp', 'erp-object']);
  });

  test('no answer and no log line contains a secret value, a password or an API key', async () => {
    // The capture really holds the traffic: every secret write was logged as a request.
    assert.ok(cp.logLines.filter((l) => l.includes('"route":"/tenants/:tenant/secrets/:name"')).length >= 10);
    assert.ok(cp.answers.length >= 15);
    const leaks: string[] = [];
    for (const s of secrets) {
      if (cp.answers.some((a) => a.includes(s))) leaks.push(`answer contains ${s}`);
      if (cp.logLines.some((l) => l.includes(s))) leaks.push(`log contains ${s}`);
    }
    for (const credential of [...passwords, apiKey.slice(21), engineer]) {
      if (cp.logLines.some((l) => l.includes(credential))) leaks.push(`log contains credential ${credential.slice(0, 12)}...`);
    }
    assert.deepEqual(leaks, []);
  });
});
