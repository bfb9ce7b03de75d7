import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64UrlStrict, encodeBase64Url } from './base64url';

describe('strict base64url', () => {
  test('decodes what it encodes', () => {
    for (const length of [0, 1, 2, 3, 12, 16, 32]) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 250) % 256));
      assert.deepEqual(decodeBase64UrlStrict(encodeBase64Url(bytes)), bytes);
    }
  });

  test('encodes a view of a larger buffer by its own bytes only', () => {
    const whole = Buffer.from([1, 2, 3, 4, 5, 6]);
    assert.equal(encodeBase64Url(whole.subarray(2, 5)), Buffer.from([3, 4, 5]).toString('base64url'));
  });

  test('refuses every text Node would decode leniently', () => {
    const canonical = encodeBase64Url(Buffer.from([0xff, 0xfe]));
    assert.equal(canonical, '__4');
    assert.equal(decodeBase64UrlStrict('__5'), undefined, 'spare low bits set');
    assert.equal(decodeBase64UrlStrict('__4='), undefined, 'padding');
    assert.equal(decodeBase64UrlStrict('//4'), undefined, 'standard alphabet');
    assert.equal(decodeBase64UrlStrict('__ 4'), undefined, 'whitespace');
    assert.equal(decodeBase64UrlStrict('_'), undefined, 'impossible length');
  });
});
