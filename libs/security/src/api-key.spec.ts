import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ApiKeyFormatError, apiKeyMatches, generateApiKey, parseApiKeyToken } from './api-key';

describe('API keys', () => {
  test('a generated key has the documented shape and stores the SHA-256 of its secret', () => {
    const { keyId, token, hash } = generateApiKey();
    assert.match(keyId, /^[0-9a-f]{16}$/);
    assert.match(token, new RegExp(`^trb_${keyId}_[A-Za-z0-9_-]{43}$`));
    const { secret } = parseApiKeyToken(token);
    assert.equal(hash, createHash('sha256').update(secret).digest('hex'));
    assert.ok(!hash.includes(secret) && !token.includes(hash));
  });

  test('every key is different', () => {
    const keys = Array.from({ length: 100 }, generateApiKey);
    assert.equal(new Set(keys.map((key) => key.keyId)).size, 100);
    assert.equal(new Set(keys.map((key) => key.token)).size, 100);
  });

  test('parses the key id and the secret, even when the secret contains "_"', () => {
    const secret = `_${'A'.repeat(41)}w`;
    assert.equal(Buffer.from(secret, 'base64url').length, 32);
    assert.deepEqual(parseApiKeyToken(`trb_0123456789abcdef_${secret}`), { keyId: '0123456789abcdef', secret });
  });

  test('rejects malformed tokens with ApiKeyFormatError that never echoes them', () => {
    const { keyId, token } = generateApiKey();
    const secret = token.slice(`trb_${keyId}_`.length);
    const cases: [string, RegExp][] = [
      ['', /expected "trb_<keyId>_<secret>"/],
      [secret, /expected "trb_<keyId>_<secret>"/],
      [`xyz_${keyId}_${secret}`, /expected "trb_<keyId>_<secret>"/],
      [`trb_${keyId}${secret}`, /./],
      [`trb_${keyId.toUpperCase()}_${secret}`, /key id is not 16 lowercase hex digits/],
      [`trb_${keyId.slice(1)}_${secret}`, /key id is not 16 lowercase hex digits/],
      [`trb__${secret}`, /key id is not 16 lowercase hex digits/],
      [`trb_${keyId}_${secret.slice(1)}`, /secret is not 32 bytes of base64url/],
      [`trb_${keyId}_${secret}A`, /secret is not 32 bytes of base64url/],
      [`trb_${keyId}_${secret.slice(0, -1)}+`, /secret is not 32 bytes of base64url/],
      [`trb_${keyId}_${secret} `, /secret is not 32 bytes of base64url/],
      [`trb_${keyId}_`, /secret is not 32 bytes of base64url/],
    ];
    for (const [bad, message] of cases) {
      assert.throws(() => parseApiKeyToken(bad), (error: unknown) => {
        assert.ok(error instanceof ApiKeyFormatError, `${bad}: ${String(error)}`);
        assert.match(error.message, /^not a Tributary API key: /);
        assert.match(error.message, message);
        assert.ok(!error.message.includes(secret.slice(0, 10)), error.message);
        return true;
      });
    }
    assert.throws(() => parseApiKeyToken(undefined as unknown as string), /expected a string, got undefined/);
  });

  test('matches only its own token', () => {
    const key = generateApiKey();
    const other = generateApiKey();
    assert.equal(apiKeyMatches(key.token, key.hash), true);
    assert.equal(apiKeyMatches(other.token, key.hash), false);
    const last = key.token.at(-1) === 'A' ? 'B' : 'A';
    assert.equal(apiKeyMatches(key.token.slice(0, -1) + last, key.hash), false);
  });

  test('a malformed token does not match; a malformed stored hash is a fault', () => {
    const key = generateApiKey();
    assert.equal(apiKeyMatches('not a key', key.hash), false);
    assert.equal(apiKeyMatches(undefined as unknown as string, key.hash), false);
    assert.throws(() => apiKeyMatches(key.token, key.hash.slice(2)), /stored API key hash must be 64 lowercase hex digits/);
    assert.throws(() => apiKeyMatches(key.token, key.hash.toUpperCase()), /64 lowercase hex/);
  });
});
