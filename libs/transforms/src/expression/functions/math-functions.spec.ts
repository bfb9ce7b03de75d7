import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../compile-expression';
import { ExpressionEvaluationError } from '../expression-errors';

const value = (text: string, record: Record<string, unknown> = {}) => compileExpression(text).evaluate(record);
const fails = (text: string, pattern: RegExp, record: Record<string, unknown> = {}) =>
  assert.throws(() => value(text, record), (e: unknown) => e instanceof ExpressionEvaluationError && pattern.test(e.message));

describe('math functions', () => {
  test('round rounds half away from zero on the decimal value', () => {
    assert.equal(value('round(1.005, 2)'), 1.01);
    assert.equal(value('round(-2.5)'), -3);
    assert.equal(value('round(2.4)'), 2);
    assert.equal(value('round(1234.5, -2)'), 1200);
    assert.equal(value('round(net + shipping, 2)', { net: 100.5, shipping: 4.99 }), 105.49);
  });

  test('floor, ceil and abs', () => {
    assert.equal(value('floor(-1.5)'), -2);
    assert.equal(value('ceil(1.2)'), 2);
    assert.equal(value('abs(-3)'), 3);
  });

  test('min and max take several arguments or one array, skipping nulls', () => {
    assert.equal(value('min(3, missing, 1, 2)'), 1);
    assert.equal(value('max(xs)', { xs: [3, null, 9] }), 9);
    assert.equal(value("max('a', 'c', 'b')"), 'c');
    assert.equal(value('min(missing)'), null);
    assert.equal(value('min(xs)', { xs: [] }), null);
  });

  test('sum, avg and count work over arrays such as lines[*].amount', () => {
    const order = { lines: [{ amount: 1.1 }, { amount: 2.2 }, { sku: 'no amount' }] };
    assert.equal(value('round(sum(lines[*].amount), 2)', order), 3.3);
    assert.equal(value('avg(lines[*].amount)', order), 1.6500000000000001);
    assert.equal(value('count(lines[*].amount)', order), 2);
    assert.equal(value('count(lines)', order), 3);
    assert.equal(value('sum(xs)', { xs: [] }), 0);
    assert.equal(value('avg(xs)', { xs: [] }), null);
    assert.equal(value('count(missing)'), 0);
    assert.equal(value('sum(missing)'), null);
  });

  test('a null argument gives null', () => {
    for (const call of ['round(x)', 'round(1, x)', 'floor(x)', 'ceil(x)', 'abs(x)']) assert.equal(value(call), null, call);
  });

  test('wrong types, bad digits and overflow fail the record', () => {
    fails("round('1.5')", /round\(\): x must be a number, got '1.5'/);
    fails('round(1.5, 0.5)', /digits must be an integer from -15 to 15/);
    fails('round(1.5, 99)', /digits must be an integer/);
    fails('abs(true)', /must be a number, got true/);
    fails("min(1, 'a')", /cannot compare 1 with 'a'/);
    fails('min(r)', /expected numbers or strings, got a record/, { r: { a: 1 } });
    fails('sum(x)', /must be an array/, { x: 5 });
    fails('sum(xs)', /every element must be a number, got 'a'/, { xs: [1, 'a'] });
    fails('sum(xs)', /not a finite number/, { xs: [1e308, 1e308] });
  });
});
