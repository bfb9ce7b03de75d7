import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasAtMostDecimals, roundDecimal } from './round-decimal';

describe('roundDecimal', () => {
  test('rounds half away from zero on the decimal the number prints as', () => {
    assert.equal(roundDecimal(1.005, 2), 1.01);
    assert.equal(roundDecimal(-1.005, 2), -1.01);
    assert.equal(roundDecimal(2.675, 2), 2.68);
    assert.equal(roundDecimal(1.0049999, 2), 1);
    assert.equal(roundDecimal(0.5, 0), 1);
    assert.equal(roundDecimal(-0.5, 0), -1);
    assert.equal(roundDecimal(1234.5, 4), 1234.5);
    assert.equal(roundDecimal(8.345e-7, 9), 8.35e-7);
  });

  test('negative digits round to tens, hundreds and more', () => {
    assert.equal(roundDecimal(1250, -2), 1300);
    assert.equal(roundDecimal(-1249, -2), -1200);
  });

  test('keeps zero, infinities, NaN and numbers too large to have decimals as they are', () => {
    assert.ok(Object.is(roundDecimal(-0.001, 2), 0));
    assert.equal(roundDecimal(0, 2), 0);
    assert.equal(roundDecimal(Infinity, 2), Infinity);
    assert.ok(Number.isNaN(roundDecimal(NaN, 2)));
    assert.equal(roundDecimal(1e300, 15), 1e300);
    assert.equal(roundDecimal(Number.MAX_VALUE, 2), Number.MAX_VALUE);
    assert.equal(roundDecimal(2 ** 53 + 2, 2), 2 ** 53 + 2);
  });

  test('scales beyond the table of powers still round', () => {
    assert.equal(roundDecimal(0.5, 30), 0.5);
    assert.equal(roundDecimal(123.456, 25), 123.456);
  });

  test('agrees with rounding the shortest decimal text of the number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 4 }), (cents, digits) => {
        // numbers like 12.345 that sit exactly on a half at `digits` decimals when written out
        const x = (cents * 10 + 5) / 10 ** (digits + 1);
        const text = String(Math.abs(x));
        fc.pre(!text.includes('e'));
        const expected = Number(`${(BigInt(text.replace('.', '').padEnd(text.indexOf('.') + digits + 2, '0').slice(0, text.indexOf('.') + digits)) + 1n).toString()}e-${digits}`);
        assert.equal(roundDecimal(x, digits), x < 0 ? -expected : expected, `${x} to ${digits}`);
      }),
    );
  });

  test('hasAtMostDecimals tells whether rounding would change the number', () => {
    assert.equal(hasAtMostDecimals(12.34, 2), true);
    assert.equal(hasAtMostDecimals(12.345, 2), false);
  });
});
