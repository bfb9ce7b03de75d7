import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, UnsecuredJWT } from 'jose';
import { AuthError, issueAccessToken, verifyAccessToken, type AuthFailure } from './access-token';

const SECRET = 'an access-token secret of at least 32 bytes';
const SUBJECT = { userId: 'u-1', tenantId: 'acme', role: 'engineer', platformAdmin: false } as const;
const NOW = new Date('2030-01-01T00:00:00Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

async function rejectsWith(reason: AuthFailure, token: string, options: Parameters<typeof verifyAccessToken>[1] = { secret: SECRET, now: NOW }) {
  await assert.rejects(verifyAccessToken(token, options), (error: unknown) => {
    assert.ok(error instanceof AuthError, `expected AuthError, got ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    return true;
  });
}

describe('access tokens', () => {
  test('round-trip the subject, with a 15-minute default lifetime', async () => {
    const token = await issueAccessToken(SUBJECT, { secret: SECRET, now: NOW });
    const claims = await verifyAccessToken(token, { secret: SECRET, now: later(60) });
    assert.deepEqual(claims, { ...SUBJECT, issuedAt: NOW, expiresAt: later(900) });
  });

  test('accept a Uint8Array secret, a custom issuer and lifetime, and a platform admin', async () => {
    const secret = new Uint8Array(32).fill(7);
    const subject = { ...SUBJECT, role: 'admin', platformAdmin: true } as const;
    const token = await issueAccessToken(subject, { secret, ttlSeconds: 60, issuer: 'cp-test', now: NOW });
    const claims = await verifyAccessToken(token, { secret, issuer: 'cp-test', now: NOW });
    assert.equal(claims.platformAdmin, true);
    assert.equal(claims.role, 'admin');
    assert.deepEqual(claims.expiresAt, later(60));
  });

  test('expire after their lifetime', async () => {
    const token = await issueAccessToken(SUBJECT, { secret: SECRET, ttlSeconds: 60, now: NOW });
    await rejectsWith('expired', token, { secret: SECRET, now: later(61) });
  });

  test('do not verify under another secret', async () => {
    const token = await issueAccessToken(SUBJECT, { secret: SECRET, now: NOW });
    await rejectsWith('bad-signature', token, { secret: `${SECRET}, but another`, now: NOW });
  });

  test('do not verify when the payload was edited', async () => {
    const token = await issueAccessToken(SUBJECT, { secret: SECRET, now: NOW });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    await rejectsWith('bad-signature', `${header}.${forged}.${signature}`);
  });

  test('reject malformed tokens', async () => {
    for (const token of ['', 'abc', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.%%%.x', null as unknown as string]) {
      await rejectsWith('malformed', token);
    }
  });

  test('reject unsigned and other-algorithm tokens', async () => {
    const unsigned = new UnsecuredJWT({ tenant: 'acme', role: 'admin', platformAdmin: true }).setSubject('u-1').setIssuer('tributary').setIssuedAt().setExpirationTime('1h').encode();
    await rejectsWith('malformed', unsigned, { secret: SECRET });
    const hs512 = await new SignJWT({ tenant: 'acme', role: 'admin', platformAdmin: false })
      .setProtectedHeader({ alg: 'HS512' }).setSubject('u-1').setIssuer('tributary').setIssuedAt().setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET.repeat(2)));
    await rejectsWith('malformed', hs512, { secret: SECRET.repeat(2) });
  });

  test('reject a token from another issuer or with claims that are not ours', async () => {
    const foreign = await issueAccessToken(SUBJECT, { secret: SECRET, issuer: 'someone-else', now: NOW });
    await rejectsWith('invalid-claims', foreign);
    const key = new TextEncoder().encode(SECRET);
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('u-1').setIssuer('tributary').setIssuedAt(NOW).setExpirationTime(later(60)).sign(key);
    await rejectsWith('invalid-claims', await sign({ tenant: 'acme', role: 'root', platformAdmin: false }));
    await rejectsWith('invalid-claims', await sign({ role: 'admin', platformAdmin: false }));
    await rejectsWith('invalid-claims', await sign({ tenant: 'acme', role: 'admin', platformAdmin: 'yes' }));
    const noExpiry = await new SignJWT({ tenant: 'acme', role: 'admin', platformAdmin: false })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('u-1').setIssuer('tributary').setIssuedAt(NOW).sign(key);
    await rejectsWith('invalid-claims', noExpiry);
  });

  test('refuse short secrets and bad issuing input with clear errors', async () => {
    await assert.rejects(issueAccessToken(SUBJECT, { secret: 'short' }), /secret must be at least 32 bytes/);
    await assert.rejects(verifyAccessToken('x', { secret: new Uint8Array(16) }), /secret must be at least 32 bytes/);
    await assert.rejects(issueAccessToken(SUBJECT, { secret: SECRET, ttlSeconds: 0 }), /ttlSeconds must be a whole number/);
    await assert.rejects(issueAccessToken(SUBJECT, { secret: SECRET, ttlSeconds: 1.5 }), /ttlSeconds/);
    await assert.rejects(issueAccessToken(SUBJECT, { secret: SECRET, ttlSeconds: 86401 }), /from 1 to 86400/);
    await assert.rejects(issueAccessToken({ ...SUBJECT, role: 'root' as never }, { secret: SECRET }), /role must be one of the roles/);
    await assert.rejects(issueAccessToken({ ...SUBJECT, tenantId: '' }, { secret: SECRET }), /tenantId must be a non-empty string/);
    await assert.rejects(issueAccessToken({ ...SUBJECT, userId: '' }, { secret: SECRET }), /userId must be a non-empty string/);
    await assert.rejects(issueAccessToken({ ...SUBJECT, platformAdmin: 1 as never }, { secret: SECRET }), /platformAdmin must be a boolean/);
  });
});
