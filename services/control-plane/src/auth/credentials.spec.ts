import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyEntity } from '@tributary/persistence';
import { issueAccessToken } from '@tributary/security';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';

const JWT_SECRET = 'a test secret of more than thirty-two characters';

type KeyView = { keyId: string; status: string; revokedAt: string | null; lastUsedAt: string | null; expiresAt: string | null };

describe('credentials: 401 when they do not authenticate, 403 when they may not', () => {
  let cp: ControlPlaneFixture;
  let root: string;
  let admin: string;

  before(async () => {
    cp = await ControlPlaneFixture.start({ TRIBUTARY_JWT_SECRET: JWT_SECRET });
    root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    admin = await cp.createTenant(root, 'acme');
    await cp.createTenant(root, 'globex');
  });
  after(() => cp?.stop());

  const whoami = (headers: Record<string, string>) => cp.call<{ message: string; tenantId: string }>('GET', '/auth/whoami', { headers });
  const newKey = async (body: Record<string, unknown> = {}) =>
    (await cp.call<KeyView & { token: string }>('POST', '/tenants/acme/api-keys', { token: admin, body: { name: 'k', role: 'operator', ...body } })).body;

  test('no credential, a malformed one, or a wrong password is a 401 with a Bearer challenge', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer not.a.jwt' }, { 'x-api-key': 'trb_nothing' }];
    for (const headers of attempts) {
      const answer = await whoami(headers);
      assert.equal(answer.status, 401, JSON.stringify(headers));
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
    }
    const login = await cp.call<{ message: string }>('POST', '/auth/login', { body: { email: 'admin@acme.test', password: 'wrong password' } });
    const unknown = await cp.call<{ message: string }>('POST', '/auth/login', { body: { email: 'nobody@acme.test', password: 'wrong password' } });
    assert.deepEqual([login.status, unknown.status], [401, 401]);
    assert.equal(login.body.message, unknown.body.message, 'which emails exist is not revealed');
  });

  test('a token signed with another secret, or expired, is a 401', async () => {
    const subject = { userId: '00000000-0000-4000-8000-000000000000', tenantId: 'acme', role: 'admin' as const, platformAdmin: true };
    const forged = await issueAccessToken(subject, { secret: 'another secret of more than thirty-two chars' });
    assert.equal((await whoami({ authorization: `Bearer ${forged}` })).status, 401);
    const me = (await whoami({ authorization: `Bearer ${admin}` })).body as unknown as { id: string };
    const old = await issueAccessToken({ ...subject, userId: me.id, platformAdmin: false }, { secret: JWT_SECRET, ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) });
    const expired = await whoami({ authorization: `Bearer ${old}` });
    assert.deepEqual([expired.status, expired.body.message], [401, 'the access token has expired; log in again']);
  });

  test("a deleted user's token stops working at once", async () => {
    const user = (await cp.call<{ id: string }>('POST', '/tenants/acme/users', { token: admin, body: { email: 'temp@acme.test', password: 'temporary password', role: 'engineer' } })).body;
    const token = await cp.login('temp@acme.test', 'temporary password');
    assert.equal((await whoami({ authorization: `Bearer ${token}` })).status, 200);
    assert.equal((await cp.call('DELETE', `/tenants/acme/users/${user.id}`, { token: admin })).status, 204);
    assert.equal((await whoami({ authorization: `Bearer ${token}` })).status, 401);
  });

  test("a login's refresh token trades for new access tokens, with the user's role as it is now, until logout", async () => {
    type Login = { accessToken: string; refreshToken: string; refreshExpiresIn: number; user: { role: string } };
    const user = (await cp.call<{ id: string }>('POST', '/tenants/acme/users', { token: admin, body: { email: 'cli@acme.test', password: 'a cli password', role: 'customer' } })).body;
    const login = (await cp.call<Login>('POST', '/auth/login', { body: { email: 'cli@acme.test', password: 'a cli password' } })).body;
    assert.match(login.refreshToken, /^trs_/);
    assert.equal(login.refreshExpiresIn, 7 * 86_400);
    await cp.call('PATCH', `/tenants/acme/users/${user.id}`, { token: admin, body: { role: 'engineer' } });
    const refreshed = await cp.call<Login>('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } });
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.body.user.role, 'engineer', 'the role as it is at the refresh');
    assert.equal(refreshed.body.refreshToken, undefined, 'the same refresh token goes on working');
    assert.equal((await whoami({ authorization: `Bearer ${refreshed.body.accessToken}` })).status, 200);
    assert.equal((await cp.call('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } })).status, 200, 'again: tokens are not rotated');
    assert.equal((await cp.call('POST', '/auth/logout', { body: { refreshToken: login.refreshToken } })).status, 204);
    const ended = await cp.call<{ message: string }>('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } });
    assert.deepEqual([ended.status, ended.body.message], [401, 'the session has ended or expired; log in again']);
    assert.equal((await cp.call('POST', '/auth/logout', { body: { refreshToken: login.refreshToken } })).status, 204, 'logging out twice is no error');
  });

  test('a session ends with a password change or the deleted user; any other text is no refresh token', async () => {
    type Login = { refreshToken: string };
    const user = (await cp.call<{ id: string }>('POST', '/tenants/acme/users', { token: admin, body: { email: 'moves@acme.test', password: 'the first password', role: 'operator' } })).body;
    const first = (await cp.call<Login>('POST', '/auth/login', { body: { email: 'moves@acme.test', password: 'the first password' } })).body.refreshToken;
    await cp.call('PATCH', `/tenants/acme/users/${user.id}`, { token: admin, body: { password: 'the second password' } });
    assert.equal((await cp.call('POST', '/auth/refresh', { body: { refreshToken: first } })).status, 401, 'the password changed');
    const second = (await cp.call<Login>('POST', '/auth/login', { body: { email: 'moves@acme.test', password: 'the second password' } })).body.refreshToken;
    assert.equal((await cp.call('POST', '/auth/refresh', { body: { refreshToken: second } })).status, 200);
    await cp.call('DELETE', `/tenants/acme/users/${user.id}`, { token: admin });
    assert.equal((await cp.call('POST', '/auth/refresh', { body: { refreshToken: second } })).status, 401, 'the user is gone');
    for (const refreshToken of ['trs_nothing', second.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), 'eyJhbGciOiJIUzI1NiJ9.e30.x']) {
      assert.equal((await cp.call('POST', '/auth/refresh', { body: { refreshToken } })).status, 401, refreshToken);
    }
    assert.equal((await cp.call('POST', '/auth/refresh', { body: {} })).status, 400);
  });

  test('a valid credential without the permission, or in another tenant, is a 403', async () => {
    const key = await newKey({ role: 'customer' });
    const noPermission = await cp.call<{ message: string }>('GET', '/tenants/acme/secrets', { headers: { 'x-api-key': key.token } });
    assert.deepEqual([noPermission.status, noPermission.body.message], [403, "role 'customer' may not secret.list"]);
    const otherTenant = await cp.call<{ message: string }>('GET', '/tenants/globex', { token: admin });
    assert.deepEqual([otherTenant.status, otherTenant.body.message], [403, "you may not act in tenant 'globex'"]);
    const platformOnly = await cp.call('POST', '/platform/secrets/rotate', { token: admin });
    assert.equal(platformOnly.status, 403);
  });

  test('an API key works as X-API-Key and as a Bearer token, but not both at once', async () => {
    const key = await newKey();
    assert.equal((await whoami({ 'x-api-key': key.token })).body.tenantId, 'acme');
    assert.equal((await whoami({ authorization: `Bearer ${key.token}` })).status, 200);
    assert.equal((await whoami({ 'x-api-key': key.token, authorization: `Bearer ${admin}` })).status, 401);
    const tampered = key.token.slice(0, -2) + (key.token.endsWith('AA') ? 'BB' : 'AA');
    assert.equal((await whoami({ 'x-api-key': tampered })).status, 401);
  });

  test('the token is shown once; the list shows metadata and when the key was last used', async () => {
    const key = await newKey({ name: 'listed' });
    await whoami({ 'x-api-key': key.token });
    const list = await cp.call<{ items: (KeyView & { name: string })[] }>('GET', '/tenants/acme/api-keys', { token: admin });
    const listed = list.body.items.find((k) => k.keyId === key.keyId)!;
    assert.equal(listed.status, 'active');
    assert.ok(listed.lastUsedAt, 'lastUsedAt is set after use');
    // The secret is everything after trb_<keyId>_ (base64url: it may hold '_' itself).
    const secret = key.token.split('_').slice(2).join('_');
    assert.ok(secret.length >= 32 && !list.text.includes(secret));
    assert.ok(!('token' in listed) && !('hash' in listed));
  });

  test('a revoked key is refused at once and listed as revoked', async () => {
    const key = await newKey();
    assert.equal((await whoami({ 'x-api-key': key.token })).status, 200);
    const revoked = await cp.call<KeyView>('DELETE', `/tenants/acme/api-keys/${key.keyId}`, { token: admin });
    assert.deepEqual([revoked.status, revoked.body.status], [200, 'revoked']);
    const refused = await whoami({ 'x-api-key': key.token });
    assert.deepEqual([refused.status, refused.body.message], [401, 'the API key has been revoked']);
    const again = await cp.call<KeyView>('DELETE', `/tenants/acme/api-keys/${key.keyId}`, { token: admin });
    assert.equal(again.body.revokedAt, revoked.body.revokedAt, 'revoking twice keeps the first time');
  });

  test('a key past its expiry is refused and listed as expired', async () => {
    const key = await newKey({ expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    assert.equal((await whoami({ 'x-api-key': key.token })).status, 200);
    // Move the expiry into the past rather than waiting for it.
    await cp.controlPlane.database.dataSource.getRepository(ApiKeyEntity).update({ keyId: key.keyId }, { expiresAt: new Date(Date.now() - 1000) });
    const refused = await whoami({ 'x-api-key': key.token });
    assert.deepEqual([refused.status, refused.body.message], [401, 'the API key has expired']);
    const list = await cp.call<{ items: KeyView[] }>('GET', '/tenants/acme/api-keys', { token: admin });
    assert.equal(list.body.items.find((k) => k.keyId === key.keyId)!.status, 'expired');
  });

  test('an expiry in the past is refused when the key is created', async () => {
    const answer = await cp.call<{ issues: { path: string }[] }>('POST', '/tenants/acme/api-keys', {
      token: admin,
      body: { name: 'late', role: 'operator', expiresAt: '2001-01-01T00:00:00Z' },
    });
    assert.deepEqual([answer.status, answer.body.issues.map((i) => i.path)], [400, ['body.expiresAt']]);
  });

  test('an API key is confined to its tenant whatever its role', async () => {
    const key = await newKey({ role: 'admin' });
    assert.equal((await cp.call('GET', '/tenants/globex/secrets', { headers: { 'x-api-key': key.token } })).status, 403);
    assert.equal((await cp.call('POST', '/tenants', { headers: { 'x-api-key': key.token }, body: {} })).status, 403);
  });
});
