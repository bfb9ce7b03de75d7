import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readDecimalText } from './decimal-text';

/** What the text meant before: the grammar as a RegExp, then Number(), finite only. */
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const byRegExp = (s: string) => (DECIMAL_TEXT.test(s) && Number.isFinite(Number(s)) ? Number(s) : undefined);

describe('readDecimalText', () => {
  test('reads decimal text, signs and exponents, and refuses everything else', () => {
    assert.equal(readDecimalText('1234.50'), 1234.5);
    assert.equal(readDecimalText('-3e2'), -300);
    assert.equal(readDecimalText('.5'), 0.5);
    assert.equal(readDecimalText('5.'), 5);
    assert.ok(Object.is(readDecimalText('-0'), -0));
    for (const bad of ['', ' 1', '1 ', '+', '-', '.', '1.2.3', '--1', '1e', '1e+', '0x1F', 'Infinity', 'NaN', '1e999', '1,5', '١٢']) assert.equal(readDecimalText(bad), undefined, bad);
  });

  test('agrees with the grammar and Number() on any text of digits, signs, points and exponents', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', 'E', ' '), maxLength: 24 });
    fc.assert(fc.property(text, (s) => Object.is(readDecimalText(s), byRegExp(s))), { numRuns: 20_000 });
  });

  test('gives exactly the double Number() gives for the way numbers and amounts are written', () => {
    const written = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.tuple(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 15 })).map(([x, d]) => x.toFixed(d)),
      fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 20 })).map(([n, d]) => {
        const digits = n.toString().padStart(d + 1, '0');
        return d === 0 ? digits : `${digits.slice(0, -d)}.${digits.slice(-d)}`;
      }),
    );
    fc.assert(fc.property(written, (s) => Object.is(readDecimalText(s), byRegExp(s))), { numRuns: 20_000 });
  });
});
