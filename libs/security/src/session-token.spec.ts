import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactText } from './redact';
import { generateSessionToken, sessionTokenHash } from './session-token';

test('a session token is trs_ and 32 random bytes; its hash is what it is found by', () => {
  const a = generateSessionToken();
  const b = generateSessionToken();
  assert.match(a.token, /^trs_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a.token, b.token);
  assert.equal(sessionTokenHash(a.token), a.hash);
  assert.match(a.hash, /^[0-9a-f]{64}$/);
});

test('text that is not a session token has no hash, so nothing is looked up', () => {
  const { token } = generateSessionToken();
  for (const bad of [undefined, 42, '', 'trs_', token.slice(0, -1), token.replace('trs_', 'trb_'), `${token}A`, `trs_${'!'.repeat(43)}`]) {
    assert.equal(sessionTokenHash(bad), undefined, String(bad));
  }
});

test('a leaked session token is redacted from logs', () => {
  const { token } = generateSessionToken();
  assert.ok(!redactText(`refresh with ${token} failed`).includes(token.slice(4)));
});
