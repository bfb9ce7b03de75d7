import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileRules } from '../compile-rules';

const NOW = Date.UTC(2024, 5, 1);
const messages = (config: Record<string, unknown>, value: unknown) =>
  compileRules([{ range: { field: 'x', ...config } }], { now: () => NOW }).check({ x: value }).map((r) => r.message);

describe('range', () => {
  test('numbers inside the bounds pass and outside fail, naming the bound', () => {
    assert.deepEqual(messages({ min: 0, max: 100 }, 50), []);
    assert.deepEqual(messages({ min: 0 }, -5), ['x is -5, below the minimum 0']);
    assert.deepEqual(messages({ max: 100 }, 100.01), ['x is 100.01, above the maximum 100']);
  });

  test('bounds are inclusive unless marked exclusive', () => {
    assert.deepEqual(messages({ min: 0 }, 0), []);
    assert.deepEqual(messages({ min: 0, exclusiveMin: true }, 0).length, 1);
    assert.deepEqual(messages({ max: 1, exclusiveMax: true }, 1).length, 1);
  });

  test('decimal text is compared as a number, other text is not a number', () => {
    assert.deepEqual(messages({ min: 0 }, '12.50'), []);
    assert.deepEqual(messages({ min: 0 }, '-3'), ['x is "-3", below the minimum 0']);
    assert.deepEqual(messages({ min: 0 }, '$12.50'), ['x is "$12.50", not a number']);
    assert.deepEqual(messages({ min: 0 }, true), ['x is true, not a number']);
  });

  test('absurd dates fail against fixed and clock-relative bounds', () => {
    const sane = { min: '2000-01-01', max: 'now+1d' };
    assert.deepEqual(messages(sane, '2024-03-05'), []);
    assert.match(messages(sane, '1899-12-31')[0], /below the minimum 2000-01-01/);
    assert.match(messages(sane, '2999-01-01')[0], /above the maximum now\+1d \(2024-06-02T00:00:00.000Z\)/);
    assert.match(messages({ min: 'now-10y' }, new Date('1970-01-01'))[0], /below the minimum now-10y/);
    assert.deepEqual(messages(sane, '2024-02-30'), ['x is "2024-02-30", not a date']);
    // Avro's raw forms, as mapToSchema leaves them: days since 1970 and epoch milliseconds
    assert.deepEqual(messages(sane, 19_787), []);
    assert.match(messages(sane, 375_000)[0], /^x is 375000 \(2996-09-\d\dT00:00:00.000Z\), above the maximum/);
    assert.deepEqual(messages(sane, Date.UTC(2024, 2, 5, 14, 22)), []);
  });

  test('bad configs are refused: no bound, mixed kinds, a bad date, min above max', () => {
    assert.throws(() => messages({}, 1), /min, max or both/);
    assert.throws(() => messages({ min: 0, max: '2024-01-01' }, 1), /both be numbers or both be dates/);
    assert.throws(() => messages({ min: 'yesterday' }, 1), /not a number, an ISO date/);
    assert.throws(() => messages({ min: 'now-forever' }, 1), /not a duration/);
    assert.throws(() => messages({ min: 10, max: 1 }, 1), /min 10 is above max 1/);
  });

  test('a finite number fails exactly when it lies outside [min, max]', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (a, b, x) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const failed = messages({ min, max }, x).length > 0;
        assert.equal(failed, x < min || x > max);
      }),
    );
  });
});
