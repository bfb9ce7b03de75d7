import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSafeRegex, UnsafeRegexError } from './safe-regex';

describe('compileSafeRegex', () => {
  test('compiles ordinary patterns with the allowed flags', () => {
    assert.ok(compileSafeRegex('INV-(\\d+)').test('INV-42'));
    assert.ok(compileSafeRegex('^[a-z]+$', 'i').test('ABC'));
    assert.equal(compileSafeRegex('a', '', 'g').flags, 'g');
    assert.ok(compileSafeRegex('(ab){2}').test('abab'));
    assert.ok(compileSafeRegex('(a+)b(c+)').test('aabcc'));
    assert.ok(compileSafeRegex('[(+*]+').test('(+'));
    assert.ok(compileSafeRegex('\\(a+\\)+').test('(a)'));
  });

  test('rejects nested repetition, which can take exponential time, with its offset', () => {
    for (const [source, offset] of [['(a+)+$', 4], ['(a*)*', 4], ['((ab)+c)*', 8], ['(a{1,})+', 7], ['(?:x+y?)+', 8], ['(\\d+\\.)*\\d+', 7]] as const) {
      assert.throws(
        () => compileSafeRegex(source),
        (e: unknown) => e instanceof UnsafeRegexError && e.position === offset && /repeats a group that itself repeats/.test(e.message),
        source,
      );
    }
  });

  test('rejects invalid syntax and other flags', () => {
    assert.throws(() => compileSafeRegex('(unclosed'), /invalid regex \/\(unclosed\/: .*Unterminated group/);
    assert.throws(() => compileSafeRegex('a', 'g'), /flags may be i, m, s and u; got 'g'/);
    assert.throws(() => compileSafeRegex('a', 'y'), UnsafeRegexError);
  });
});
