import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { atScale, decimalPattern, fromUnscaled, roundToScale, toUnscaled } from './decimal-amount';

describe('decimal amounts', () => {
  it('reads decimal text as its unscaled value at a scale', () => {
    assert.equal(toUnscaled('19.99', 4), 199900n);
    assert.equal(toUnscaled('-0.125', 4), -1250n);
    assert.equal(toUnscaled('7', 6), 7000000n);
  });

  it('refuses malformed text and more fraction digits than the scale instead of rounding', () => {
    assert.throws(() => toUnscaled('1e3', 4), /not a decimal/);
    assert.throws(() => toUnscaled('1.', 4), /not a decimal/);
    assert.throws(() => toUnscaled('0.00001', 4), /5 fraction digits, more than 4/);
  });

  it('writes exactly the scale fraction digits, padding small values', () => {
    assert.equal(fromUnscaled(125000n, 4), '12.5000');
    assert.equal(fromUnscaled(-5n, 4), '-0.0005');
    assert.equal(fromUnscaled(0n, 6), '0.000000');
    assert.equal(atScale('1.5', 4), '1.5000');
  });

  it('rounds half away from zero when the scale shrinks', () => {
    assert.equal(roundToScale(5n, 5, 4), 1n);
    assert.equal(roundToScale(-5n, 5, 4), -1n);
    assert.equal(roundToScale(4n, 5, 4), 0n);
    assert.equal(roundToScale(12345678n, 6, 4), 123457n);
    assert.equal(roundToScale(3n, 2, 4), 300n);
  });

  it('matches amounts of decimal(18,4) and nothing wider', () => {
    const amount = decimalPattern(4);
    assert.ok(amount.test('12345678901234.1234'));
    assert.ok(!amount.test('123456789012345.1'));
    assert.ok(!amount.test('1.12345'));
    assert.ok(!amount.test('+1'));
  });

  it('pads plain text without BigInt exactly as the BigInt path writes it, and refuses what it refuses', () => {
    const exact = (text: string, scale: number) => {
      try {
        return fromUnscaled(toUnscaled(text, scale), scale);
      } catch (error) {
        return (error as Error).message;
      }
    };
    const outcome = (text: string, scale: number) => {
      try {
        return atScale(text, scale);
      } catch (error) {
        return (error as Error).message;
      }
    };
    const decimalText = fc.stringMatching(/^-?[0-9]{0,4}(\.[0-9]{0,7})?$/);
    const anyText = fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', ' '), maxLength: 8 });
    fc.assert(
      fc.property(fc.oneof(decimalText, anyText), fc.integer({ min: 0, max: 6 }), (text, scale) => {
        assert.equal(outcome(text, scale), exact(text, scale));
      }),
      { numRuns: 5000 },
    );
    assert.equal(atScale('12', 4), '12.0000');
    assert.equal(atScale('0.5', 4), '0.5000');
    assert.equal(atScale('007.5', 4), '7.5000');
    assert.equal(atScale('-0.0', 4), '0.0000');
  });
});
