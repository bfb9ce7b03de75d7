import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules } from '../compile-rules';

const messages = (config: Record<string, unknown>, value: unknown) => compileRules([{ enum: { field: 'currency', ...config } }]).check({ currency: value }).map((r) => r.message);

describe('enum', () => {
  test('a listed value passes and another fails, listing what is allowed', () => {
    assert.deepEqual(messages({ values: ['USD', 'EUR'] }, 'EUR'), []);
    assert.deepEqual(messages({ values: ['USD', 'EUR'] }, 'usd'), ['currency is "usd", not one of "USD", "EUR"']);
  });

  test('ignoreCase folds text', () => {
    assert.deepEqual(messages({ values: ['USD', 'EUR'], ignoreCase: true }, 'usd'), []);
  });

  test('types are not coerced: 1 is not "1"', () => {
    assert.equal(messages({ values: ['1'] }, 1).length, 1);
  });

  test('an empty list is a config error', () => {
    assert.throws(() => messages({ values: [] }, 'x'), /validate has 1 problem/);
  });
});
