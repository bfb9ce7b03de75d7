import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import type { AuditView } from './audit-log';

type Page = { items: AuditView[]; nextCursor: string | null };

describe('the audit log records every change with who, what, when, before and after', () => {
  let cp: ControlPlaneFixture;
  let root: string;
  let admin: string;
  let startedAt: string;

  before(async () => {
    cp = await ControlPlaneFixture.start();
    root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    startedAt = new Date().toISOString();
    admin = await cp.createTenant(root, 'acme');
    await cp.createTenant(root, 'globex');
    await cp.call('PUT', '/tenants/acme/secrets/erp', { token: admin, body: { value: 'first value' } });
    await cp.call('PUT', '/tenants/acme/secrets/erp', { token: admin, body: { value: { user: 'u', password: 'second value' } } });
    const user = await cp.call<{ id: string }>('POST', '/tenants/acme/users', { token: admin, body: { email: 'op@acme.test', password: 'operator password', role: 'operator' } });
    await cp.call('PATCH', `/tenants/acme/users/${user.body.id}`, { token: admin, body: { role: 'engineer', password: 'changed password 1' } });
    const key = await cp.call<{ keyId: string }>('POST', '/tenants/acme/api-keys', { token: admin, body: { name: 'ci', role: 'engineer' } });
    await cp.call('DELETE', `/tenants/acme/api-keys/${key.body.keyId}`, { token: admin });
    await cp.call('DELETE', '/tenants/acme/secrets/erp', { token: admin });
    await cp.call('PATCH', '/tenants/acme', { token: admin, body: { displayName: 'Acme Corporation' } });
  });
  after(() => cp?.stop());

  const audit = (query = '', token = admin) => cp.call<Page>('GET', `/tenants/acme/audit${query}`, { token });

  test('each change is one entry, newest first, by the caller who made it', async () => {
    const page = await audit();
    assert.equal(page.status, 200);
    assert.deepEqual(page.body.items.map((e) => e.action), [
      'tenant.update', 'secret.delete', 'apikey.revoke', 'apikey.create', 'user.update', 'user.create',
      'secret.write', 'secret.write', 'user.create', 'tenant.create',
    ]);
    const byAdmin = page.body.items.filter((e) => e.actor.label === 'admin@acme.test');
    assert.equal(byAdmin.length, 8);
    assert.ok(page.body.items.every((e) => e.tenant === 'acme' && e.at >= startedAt));
  });

  test('before and after show what changed, with secret values and passwords never recorded', async () => {
    const page = await audit();
    const [, deleted, , , userUpdate, , secondWrite, firstWrite] = page.body.items;
    assert.equal(firstWrite.before, null);
    assert.equal((firstWrite.after as { name: string }).name, 'erp');
    assert.deepEqual(Object.keys(secondWrite.before as object).sort(), ['createdAt', 'keyId', 'name', 'updatedAt', 'updatedBy']);
    assert.equal(deleted.after, null);
    assert.deepEqual([(userUpdate.before as { role: string }).role, (userUpdate.after as { role: string }).role], ['operator', 'engineer']);
    assert.deepEqual((userUpdate.after as { changed: string[] }).changed, ['role', 'password']);
    for (const words of ['first value', 'second value', 'changed password', 'operator password', 'passwordHash', '$scrypt$']) {
      assert.ok(!page.text.includes(words), `the audit log contains ${words}`);
    }
  });

  test('filters by action, actor, target and time', async () => {
    assert.deepEqual((await audit('?action=secret.write')).body.items.length, 2);
    assert.deepEqual((await audit('?target=secret:erp')).body.items.map((e) => e.action), ['secret.delete', 'secret.write', 'secret.write']);
    assert.equal((await audit(`?actor=${encodeURIComponent(PLATFORM_ADMIN.email)}`)).body.items.length, 2);
    assert.equal((await audit(`?until=${encodeURIComponent(startedAt)}`)).body.items.length, 0);
    const future = new Date(Date.now() + 60_000).toISOString();
    assert.equal((await audit(`?since=${encodeURIComponent(future)}`)).body.items.length, 0);
  });

  test('pages with limit and cursor until nextCursor is null', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Page = (await audit(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    }
    assert.deepEqual(seen, (await audit()).body.items.map((e) => e.id));
  });

  test("a tenant's log holds only its own entries; the platform log holds everyone's", async () => {
    const platform = await cp.call<Page>('GET', '/platform/audit?limit=1000', { token: root });
    const tenants = new Set(platform.body.items.map((e) => e.tenant));
    assert.deepEqual([...tenants].sort(), ['acme', 'globex', 'platform']);
    const globexOnly = await cp.call<Page>('GET', '/platform/audit?tenant=globex', { token: root });
    assert.ok(globexOnly.body.items.every((e) => e.tenant === 'globex'));
    assert.equal((await audit('', root)).body.items.length, 10);
  });

  test('the bootstrap of the platform admin is itself recorded, by the system', async () => {
    const platform = await cp.call<Page>('GET', '/platform/audit?tenant=platform', { token: root });
    assert.deepEqual(platform.body.items.map((e) => [e.actor.kind, e.action]), [['system', 'user.create'], ['system', 'tenant.create']]);
  });
});
