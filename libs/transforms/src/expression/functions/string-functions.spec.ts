import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../compile-expression';
import { ExpressionEvaluationError } from '../expression-errors';

const value = (text: string, record: Record<string, unknown> = {}) => compileExpression(text).evaluate(record);
const failure = (text: string, record: Record<string, unknown> = {}) =>
  assert.throws(() => value(text, record), (e: unknown) => e instanceof ExpressionEvaluationError && e.position === text.indexOf(text.match(/[a-zA-Z]+\(/)![0]));

describe('string functions', () => {
  test('upper, lower and trim change case and strip white space', () => {
    assert.equal(value('upper(c)', { c: 'eur' }), 'EUR');
    assert.equal(value("lower('MiXeD')"), 'mixed');
    assert.equal(value('trim(s)', { s: ' \t Acme Corp \n' }), 'Acme Corp');
  });

  test('length counts characters of a string or elements of an array', () => {
    assert.equal(value("length('abc')"), 3);
    assert.equal(value('length(lines)', { lines: [1, 2] }), 2);
    assert.equal(value("length('')"), 0);
  });

  test('concat joins strings and numbers and skips nulls', () => {
    assert.equal(value("concat(first, ' ', middle, last, 7)", { first: 'Ada', last: 'L' }), 'Ada L7');
    assert.equal(value('concat(missing)'), '');
  });

  test('substring takes a 0-based start and an optional length', () => {
    assert.equal(value("substring('SO-24-00017', 3)"), '24-00017');
    assert.equal(value("substring('SO-24-00017', 3, 2)"), '24');
    assert.equal(value("substring('abc', 10)"), '');
  });

  test('replace replaces every occurrence of literal text, regex characters included', () => {
    assert.equal(value("replace('1,234,567.5', ',', '')"), '1234567.5');
    assert.equal(value("replace('a.b.c', '.', '-')"), 'a-b-c');
    assert.equal(value("replace('abc', '', '-')"), 'abc');
  });

  test('startsWith, endsWith and contains test strings; contains also finds array elements', () => {
    assert.equal(value("startsWith(ref, 'INV-')", { ref: 'INV-7' }), true);
    assert.equal(value("endsWith(ref, '-8')", { ref: 'INV-7' }), false);
    assert.equal(value("contains(d, '/')", { d: '05/03/2024' }), true);
    assert.equal(value("contains(tags, 'b')", { tags: ['a', 'b'] }), true);
  });

  test('padStart and padEnd pad strings and numbers, e.g. a ZIP code that lost its zero', () => {
    assert.equal(value("padStart(zip, 5, '0')", { zip: 2110 }), '02110');
    assert.equal(value('padEnd(code, 4)', { code: 'AB' }), 'AB  ');
    assert.equal(value("padStart('123456', 3, '0')"), '123456');
  });

  test('a null argument gives null', () => {
    for (const call of ['upper(x)', 'lower(x)', 'trim(x)', 'length(x)', 'substring(x, 1)', "replace(x, 'a', 'b')", "startsWith(x, 'a')", "endsWith(x, 'a')", "contains(x, 'a')", 'padStart(x, 3)', 'padEnd(x, 3)']) {
      assert.equal(value(call), null, call);
    }
  });

  test('wrong argument types fail the record, at the call', () => {
    failure('upper(n)', { n: 12 });
    failure('length(n)', { n: 12 });
    failure('concat(a, r)', { a: 'x', r: { k: 1 } });
    failure("substring('abc', -1)");
    failure("substring('abc', 1.5)");
    failure("padStart('a', 1000000)");
    failure("replace('a', 1, 'b')");
    assert.throws(() => value('upper(n)', { n: 12 }), /upper\(\): its argument must be a string, got 12/);
  });
});
