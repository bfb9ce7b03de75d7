import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules } from '../compile-rules';

const messages = (config: Record<string, unknown>, value: unknown) => compileRules([{ length: { field: 'x', ...config } }]).check({ x: value }).map((r) => r.message);

describe('length', () => {
  test('counts characters of text and items of lists', () => {
    assert.deepEqual(messages({ min: 1, max: 3 }, 'abc'), []);
    assert.deepEqual(messages({ max: 2 }, 'abc'), ['x has 3 characters, more than 2']);
    assert.deepEqual(messages({ min: 1 }, []), ['x has 0 items, fewer than 1']);
  });

  test('a character outside the BMP counts once', () => {
    assert.deepEqual(messages({ max: 2 }, 'a😀'), []);
  });

  test('a number is neither text nor a list', () => {
    assert.deepEqual(messages({ max: 2 }, 12345), ['x is 12345, neither text nor a list']);
  });

  test('bad configs are refused: no bound, min above max, negative', () => {
    assert.throws(() => messages({}, 'a'), /min, max or both/);
    assert.throws(() => messages({ min: 3, max: 1 }, 'a'), /min is above max/);
    assert.throws(() => messages({ min: -1 }, 'a'), /validate has/);
  });
});
