import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../compile-expression';

const value = (text: string, record: Record<string, unknown> = {}) => compileExpression(text).evaluate(record);

describe('conversion functions', () => {
  test('string turns numbers and booleans into text and leaves strings and null alone', () => {
    assert.equal(value('string(1042)'), '1042');
    assert.equal(value('string(true)'), 'true');
    assert.equal(value("string('x')"), 'x');
    assert.equal(value('string(missing)'), null);
    assert.throws(() => value('string(r)', { r: { a: 1 } }), /string\(\): cannot turn a record into a string/);
  });

  test('number reads decimal text and nothing else', () => {
    assert.equal(value("number(' 12.50 ')"), 12.5);
    assert.equal(value("number('3e2')"), 300);
    assert.equal(value("number('-.5')"), -0.5);
    assert.equal(value('number(7)'), 7);
    assert.equal(value('number(missing)'), null);
    for (const bad of ["'12abc'", "''", "'1e999'", "'0x10'", "'1,5'", 'true']) {
      assert.throws(() => value(`number(${bad})`), /number\(\): cannot turn .* into a number/, bad);
    }
  });
});
