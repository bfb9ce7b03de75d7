import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import type { UserView } from './user-directory';

describe('tenant admins manage their users; platform admins manage tenants', () => {
  let cp: ControlPlaneFixture;
  let root: string;
  let admin: string;
  let adminId: string;

  before(async () => {
    cp = await ControlPlaneFixture.start();
    root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    admin = await cp.createTenant(root, 'acme');
    adminId = ((await cp.call('GET', '/auth/whoami', { token: admin })).body as { id: string }).id;
  });
  after(() => cp?.stop());

  const create = (body: Record<string, unknown>, token = admin, tenant = 'acme') =>
    cp.call<UserView & { message: string }>('POST', `/tenants/${tenant}/users`, { token, body: { password: 'a good password', role: 'engineer', ...body } });

  test('a created user logs in with the role given, and its email is case-insensitive', async () => {
    const created = await create({ email: 'Eve@Acme.test' });
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.email, created.body.role, created.body.tenant, created.body.platformAdmin], ['eve@acme.test', 'engineer', 'acme', false]);
    assert.ok(!created.text.includes('scrypt') && !('passwordHash' in created.body));
    const token = await cp.login('EVE@acme.test', 'a good password');
    const me = await cp.call<{ role: string }>('GET', '/auth/whoami', { token });
    assert.equal(me.body.role, 'engineer');
  });

  test('a role change takes effect on the next request, without logging in again', async () => {
    const user = (await create({ email: 'ray@acme.test' })).body;
    const token = await cp.login('ray@acme.test', 'a good password');
    assert.equal((await cp.call('GET', '/tenants/acme/secrets', { token })).status, 200);
    await cp.call('PATCH', `/tenants/acme/users/${user.id}`, { token: admin, body: { role: 'customer' } });
    assert.equal((await cp.call('GET', '/tenants/acme/secrets', { token })).status, 403);
  });

  test('a password change replaces the old password', async () => {
    const user = (await create({ email: 'pat@acme.test' })).body;
    await cp.call('PATCH', `/tenants/acme/users/${user.id}`, { token: admin, body: { password: 'a brand new password' } });
    assert.equal((await cp.call('POST', '/auth/login', { body: { email: 'pat@acme.test', password: 'a good password' } })).status, 401);
    await cp.login('pat@acme.test', 'a brand new password');
  });

  test('the last admin of a tenant can be neither demoted nor deleted', async () => {
    const demote = await cp.call<{ message: string }>('PATCH', `/tenants/acme/users/${adminId}`, { token: admin, body: { role: 'engineer' } });
    assert.deepEqual([demote.status, demote.body.message], [409, "this is the last admin of tenant 'acme'; make another user admin first"]);
    assert.equal((await cp.call('DELETE', `/tenants/acme/users/${adminId}`, { token: admin })).status, 409);
    const second = (await create({ email: 'second-admin@acme.test', role: 'admin' })).body;
    assert.equal((await cp.call('DELETE', `/tenants/acme/users/${second.id}`, { token: admin })).status, 204);
  });

  test('a user of one tenant is not found through another tenant', async () => {
    await cp.createTenant(root, 'globex');
    const globexUser = (await create({ email: 'gus@globex.test' }, root, 'globex')).body;
    assert.equal((await cp.call('PATCH', `/tenants/acme/users/${globexUser.id}`, { token: root, body: { role: 'admin' } })).status, 404);
  });

  test('platform admins: created only by platform admins, only in the platform tenant, and act everywhere', async () => {
    assert.equal((await create({ email: 'sneaky@acme.test', platformAdmin: true })).status, 403);
    const misplaced = await create({ email: 'ops@acme.test', platformAdmin: true }, root);
    assert.deepEqual([misplaced.status, (misplaced.body as unknown as { issues: { path: string }[] }).issues.map((i) => i.path)], [400, ['body.platformAdmin']]);
    assert.equal((await create({ email: 'ops@platform.test', role: 'admin', platformAdmin: true }, root, 'platform')).status, 201);
    const ops = await cp.login('ops@platform.test', 'a good password');
    assert.equal((await cp.call('GET', '/tenants/acme/users', { token: ops })).status, 200);
  });

  test("the platform tenant's id is reserved", async () => {
    const answer = await cp.call('POST', '/tenants', {
      token: root,
      body: { id: 'platform', displayName: 'Mine', admin: { email: 'x@platform.test', password: 'a good password' } },
    });
    assert.equal(answer.status, 409);
  });

  test('bootstrap runs once: a restart with other bootstrap credentials changes nobody', async () => {
    await cp.restart({ TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL: 'new-root@platform.test', TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD: 'another root password' });
    await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    assert.equal((await cp.call('POST', '/auth/login', { body: { email: 'new-root@platform.test', password: 'another root password' } })).status, 401);
  });
});
