import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules } from '../compile-rules';

const messages = (type: string, value: unknown) => compileRules([{ type: { field: 'x', type } }]).check({ x: value }).map((r) => r.message);

describe('type', () => {
  test('accepts values of the named type', () => {
    const good: Array<[string, unknown]> = [
      ['string', 'abc'],
      ['number', 1.5],
      ['integer', 42],
      ['decimal', '1234.50'],
      ['decimal', 3],
      ['boolean', false],
      ['date', '2024-02-29'],
      ['date', new Date('2024-03-05')],
      ['timestamp', '2024-03-05T10:00:00+01:00'],
      ['date', 19_787],
      ['timestamp', 1_709_633_000_000],
      ['array', []],
      ['object', { a: 1 }],
    ];
    for (const [type, value] of good) assert.deepEqual(messages(type, value), [], `${type} ${String(value)}`);
  });

  test('rejects wrong types: string amounts, impossible dates, NaN, fractions as integers', () => {
    assert.deepEqual(messages('number', '12.50'), ['x is "12.50", not a number']);
    assert.deepEqual(messages('date', '2024-02-30'), ['x is "2024-02-30", not a date']);
    assert.deepEqual(messages('date', '05/03/2024'), ['x is "05/03/2024", not a date']);
    assert.deepEqual(messages('date', new Date('nonsense')), ['x is an invalid date, not a date']);
    assert.deepEqual(messages('number', Number.NaN), ['x is NaN, not a number']);
    assert.deepEqual(messages('integer', 1.5), ['x is 1.5, not an integer']);
    assert.deepEqual(messages('decimal', '$1,234.50'), ['x is "$1,234.50", not a decimal']);
    assert.deepEqual(messages('object', [1]), ['x is [1], not an object']);
    assert.deepEqual(messages('date', 1_709_633_000_000), ['x is 1709633000000, not a date']);
    assert.deepEqual(messages('date', 1.5), ['x is 1.5, not a date']);
  });

  test('a missing value is left to notNull', () => {
    assert.deepEqual(messages('number', undefined), []);
    assert.deepEqual(messages('number', null), []);
  });

  test('an unknown type name is a config error', () => {
    assert.throws(() => messages('money', 1), /type/);
  });
});
