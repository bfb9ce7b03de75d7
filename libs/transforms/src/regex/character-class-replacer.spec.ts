import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { characterClassReplacer } from './character-class-replacer';

describe('characterClassReplacer', () => {
  test('takes one character class with a plain replacement, and nothing else', () => {
    assert.ok(characterClassReplacer(/[$€£\s]/g, ''));
    assert.ok(characterClassReplacer(/[^0-9.]/gi, '-'));
    assert.ok(characterClassReplacer(/[\]x]/g, ''), 'an escaped ] stays inside the class');
    for (const regex of [/[a]+/g, /[a][b]/g, /a/g, /[a]/gu, /[a]/]) assert.equal(characterClassReplacer(regex, ''), undefined, String(regex));
    assert.equal(characterClassReplacer(/[a]/g, '$&$&'), undefined, 'replacement patterns are left to String#replace');
  });

  test('replaces as String#replace does, for any class, flags and text', () => {
    const classes = ['[$€£\\s]', '[^0-9.,]', '[a-f]', '[\\d\\w]', '[]', '[^]', '[\\]\\\\-]', '[😀x]', '[A-Z]'];
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('$1,234.50', '€ 45.00', ' £7 ', 'abcABC😀x'));
    fc.assert(
      fc.property(fc.constantFrom(...classes), fc.constantFrom('g', 'gi', 'gm', 'gs'), fc.constantFrom('', '-', 'xy'), text, (source, flags, replacement, s) => {
        const regex = new RegExp(source, flags);
        assert.equal(characterClassReplacer(regex, replacement)!(s), s.replace(regex, replacement));
      }),
      { numRuns: 2000 },
    );
  });
});
