import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hashPassword,
  passwordNeedsRehash,
  PasswordHashFormatError,
  PasswordPolicyError,
  PASSWORD_MAX_BYTES,
  verifyPassword,
} from './password-hash';

// Cheap parameters where the cost is not what a test is about.
const FAST = { ln: 10, r: 8, p: 1 };

describe('hashPassword', () => {
  test('writes a self-describing scrypt hash with the default parameters that verifies', async () => {
    const stored = await hashPassword('correct horse battery staple');
    assert.match(stored, /^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    assert.equal(await verifyPassword('correct horse battery staple', stored), true);
    assert.equal(await verifyPassword('correct horse battery stapler', stored), false);
  });

  test('salts every hash, so one password hashes differently twice', async () => {
    const a = await hashPassword('same password', FAST);
    const b = await hashPassword('same password', FAST);
    assert.notEqual(a, b);
    assert.notEqual(a.split('$')[3], b.split('$')[3]);
    assert.equal(await verifyPassword('same password', a), true);
    assert.equal(await verifyPassword('same password', b), true);
  });

  test('treats canonically equal Unicode spellings as one password', async () => {
    const stored = await hashPassword('caf\u00e9', FAST);
    assert.equal(await verifyPassword('cafe\u0301', stored), true);
  });

  test('rejects empty, over-long and non-string passwords with a clear error', async () => {
    await assert.rejects(hashPassword(''), (error: unknown) => error instanceof PasswordPolicyError && /may not be empty/.test(error.message));
    await assert.rejects(hashPassword('x'.repeat(PASSWORD_MAX_BYTES + 1)), /at most 1024 bytes/);
    await assert.rejects(hashPassword('é'.repeat(PASSWORD_MAX_BYTES / 2 + 1)), /at most 1024 bytes/);
    await assert.rejects(hashPassword(null as unknown as string), /must be a string, got object/);
    assert.match(await hashPassword('x'.repeat(PASSWORD_MAX_BYTES), FAST), /^\$scrypt\$/);
  });

  test('rejects parameters outside the safe bounds', async () => {
    await assert.rejects(hashPassword('pw', { ln: 9, r: 8, p: 1 }), /ln=9 is outside 10..20/);
    await assert.rejects(hashPassword('pw', { ln: 15, r: 0, p: 1 }), /r=0 is outside 1..32/);
  });
});

describe('verifyPassword', () => {
  test('answers false for passwords that could never have been hashed', async () => {
    const stored = await hashPassword('pw', FAST);
    assert.equal(await verifyPassword('', stored), false);
    assert.equal(await verifyPassword('x'.repeat(PASSWORD_MAX_BYTES + 1), stored), false);
    assert.equal(await verifyPassword(undefined as unknown as string, stored), false);
  });

  test('throws PasswordHashFormatError for a stored value it did not write', async () => {
    const stored = await hashPassword('pw', FAST);
    const bad = [
      '',
      'pw',
      stored.replace('$scrypt$', '$argon2id$'),
      stored.slice(0, -1),
      stored.replace('ln=10', 'ln=25'),
      stored.replace('p=1', 'p=0'),
      null as unknown as string,
    ];
    for (const value of bad) await assert.rejects(verifyPassword('pw', value), PasswordHashFormatError, String(value));
  });

  test('a stored hash with one changed character no longer verifies', async () => {
    const stored = await hashPassword('pw', FAST);
    const hash = stored.split('$')[4];
    const changed = `${stored.slice(0, -hash.length)}${hash[0] === 'A' ? 'B' : 'A'}${hash.slice(1)}`;
    assert.equal(await verifyPassword('pw', changed), false);
  });
});

describe('passwordNeedsRehash', () => {
  test('is true only below the wanted parameters', async () => {
    const weak = await hashPassword('pw', FAST);
    assert.equal(passwordNeedsRehash(weak), true);
    assert.equal(passwordNeedsRehash(weak, FAST), false);
    assert.throws(() => passwordNeedsRehash('nonsense'), PasswordHashFormatError);
  });
});
