import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Keyring } from './keyring';
import { SecretBox, SecretOpenError, type SecretOpenFailure } from './secret-box';

const K1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const K2 = { id: 'k2', key: Buffer.alloc(32, 2) };
const box = new SecretBox(new Keyring([K1], 'TEST_KEYS'));
const CONTEXT = 'acme/erp-db';

function failsWith(reason: SecretOpenFailure, open: () => unknown): SecretOpenError {
  let caught: unknown;
  assert.throws(open, (error: unknown) => ((caught = error), true));
  assert.ok(caught instanceof SecretOpenError, `expected SecretOpenError, got ${String(caught)}`);
  assert.equal(caught.reason, reason, caught.message);
  return caught;
}

/** `sealed` with part `index` (0 version, 1 key id, 2 iv, 3 ciphertext, 4 tag) replaced. */
function withPart(sealed: string, index: number, replace: (part: string) => string): string {
  const parts = sealed.split('.');
  parts[index] = replace(parts[index]);
  return parts.join('.');
}

function flipFirstBit(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] ^= 0x01;
  return bytes.toString('base64url');
}

describe('SecretBox', () => {
  test('opens what it sealed, in the documented format', () => {
    const sealed = box.seal('s3cr3t-pässwörd ✓', CONTEXT);
    assert.match(sealed, /^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    assert.ok(!sealed.includes('s3cr3t'));
    assert.equal(box.open(sealed, CONTEXT), 's3cr3t-pässwörd ✓');
  });

  test('uses a fresh IV per seal, so one plaintext never seals the same twice', () => {
    const a = box.seal('same', CONTEXT);
    const b = box.seal('same', CONTEXT);
    assert.notEqual(a.split('.')[2], b.split('.')[2]);
    assert.notEqual(a, b);
  });

  test('seals and opens the empty string', () => {
    assert.equal(box.open(box.seal('', CONTEXT), CONTEXT), '');
  });

  test('a value sealed for one context does not open in another', () => {
    const sealed = box.seal('password', 'acme/erp-db');
    const error = failsWith('authentication-failed', () => box.open(sealed, 'globex/erp-db'));
    assert.ok(!error.message.includes('password'));
    assert.ok(!error.message.includes(sealed.split('.')[3]));
    failsWith('authentication-failed', () => box.open(sealed, 'acme/erp-db2'));
  });

  test('tampering with the IV, ciphertext or tag fails authentication', () => {
    const sealed = box.seal('password', CONTEXT);
    for (const part of [2, 3, 4]) failsWith('authentication-failed', () => box.open(withPart(sealed, part, flipFirstBit), CONTEXT));
  });

  test('tampering with the version or key id fails before decryption', () => {
    const sealed = box.seal('password', CONTEXT);
    failsWith('unknown-version', () => box.open(withPart(sealed, 0, () => 'v2'), CONTEXT));
    failsWith('malformed', () => box.open(withPart(sealed, 0, () => 'x1'), CONTEXT));
    const error = failsWith('unknown-key', () => box.open(withPart(sealed, 1, () => 'k9'), CONTEXT));
    assert.match(error.message, /key id "k9" is not in TEST_KEYS \(known: k1\)/);
  });

  test('a relabelled key id fails even when that id holds the same key', () => {
    const twins = new SecretBox(new Keyring([K1, { id: 'k1b', key: K1.key }]));
    const sealed = twins.seal('password', CONTEXT);
    failsWith('authentication-failed', () => twins.open(withPart(sealed, 1, () => 'k1b'), CONTEXT));
  });

  test('rejects truncated parts, a short tag and malformed text', () => {
    const sealed = box.seal('password', CONTEXT);
    failsWith('malformed', () => box.open(withPart(sealed, 4, (tag) => Buffer.from(tag, 'base64url').subarray(0, 12).toString('base64url')), CONTEXT));
    failsWith('malformed', () => box.open(withPart(sealed, 2, (iv) => iv.slice(0, 8)), CONTEXT));
    failsWith('malformed', () => box.open(withPart(sealed, 3, (ct) => `${ct}!`), CONTEXT));
    failsWith('malformed', () => box.open(sealed.split('.').slice(0, 4).join('.'), CONTEXT));
    failsWith('malformed', () => box.open(`${sealed}.extra`, CONTEXT));
    failsWith('malformed', () => box.open('', CONTEXT));
    failsWith('malformed', () => box.open('plaintext password', CONTEXT));
    failsWith('malformed', () => box.open(42 as unknown as string, CONTEXT));
  });

  test('requires a context and a well-formed string to seal', () => {
    assert.throws(() => box.seal('x', ''), /context .* must be a non-empty string/);
    assert.throws(() => box.open(box.seal('x', CONTEXT), ''), /context .* must be a non-empty string/);
    assert.throws(() => box.seal(undefined as unknown as string, CONTEXT), /a secret must be a string, got undefined/);
    assert.throws(() => box.seal('a\uD800b', CONTEXT), /unpaired UTF-16 surrogates/);
    assert.equal(box.open(box.seal('emoji 😀', CONTEXT), CONTEXT), 'emoji 😀');
  });

  test('rotation: reads old keys, reseals under the current one', () => {
    const before = new SecretBox(new Keyring([K1], 'KEYS'));
    const sealedUnderK1 = before.seal('password', CONTEXT);
    const after = new SecretBox(new Keyring([K2, K1], 'KEYS'));
    assert.equal(after.keyIdOf(sealedUnderK1), 'k1');
    assert.equal(after.needsRotation(sealedUnderK1), true);
    assert.equal(after.open(sealedUnderK1, CONTEXT), 'password');

    const resealed = after.reseal(sealedUnderK1, CONTEXT);
    assert.equal(after.keyIdOf(resealed), 'k2');
    assert.equal(after.needsRotation(resealed), false);
    assert.equal(after.open(resealed, CONTEXT), 'password');

    // Once k1 is retired, only resealed values still open.
    const retired = new SecretBox(new Keyring([K2], 'KEYS'));
    assert.equal(retired.open(resealed, CONTEXT), 'password');
    failsWith('unknown-key', () => retired.open(sealedUnderK1, CONTEXT));
    failsWith('authentication-failed', () => after.reseal(sealedUnderK1, 'other/context'));
  });

  test('keyIdOf and needsRotation reject malformed values', () => {
    failsWith('malformed', () => box.keyIdOf('v1.k1'));
    failsWith('malformed', () => box.needsRotation('garbage'));
  });
});

describe('SecretBox properties', () => {
  test('seal then open gives back any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ minLength: 1 }), (plaintext, context) => {
        assert.equal(box.open(box.seal(plaintext, context), context), plaintext);
      }),
    );
  });

  test('changing any one character of a sealed value makes it fail to open', () => {
    const characters = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.v!é');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.nat(), characters, (plaintext, at, replacement) => {
        const sealed = box.seal(plaintext, CONTEXT);
        const index = at % sealed.length;
        fc.pre(sealed[index] !== replacement);
        const tampered = sealed.slice(0, index) + replacement + sealed.slice(index + 1);
        assert.throws(() => box.open(tampered, CONTEXT), SecretOpenError);
      }),
      { numRuns: 500 },
    );
  });

  test('flipping any bit of any decoded byte makes it fail to open', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 2, max: 4 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (plaintext, part, at, bit) => {
        const sealed = box.seal(plaintext, CONTEXT);
        const bytes = Buffer.from(sealed.split('.')[part], 'base64url');
        fc.pre(bytes.length > 0);
        bytes[at % bytes.length] ^= 1 << bit;
        const tampered = withPart(sealed, part, () => bytes.toString('base64url'));
        failsWith('authentication-failed', () => box.open(tampered, CONTEXT));
      }),
      { numRuns: 300 },
    );
  });
});
