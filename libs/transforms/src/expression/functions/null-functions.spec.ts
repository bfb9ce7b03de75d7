import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../compile-expression';
import { ExpressionEvaluationError } from '../expression-errors';

const value = (text: string, record: Record<string, unknown> = {}) => compileExpression(text).evaluate(record);

describe('null functions', () => {
  test('coalesce gives the first non-null argument, or null', () => {
    assert.equal(value("coalesce(email, phone, 'none')", { phone: '+49 30' }), '+49 30');
    assert.equal(value('coalesce(a, b)'), null);
    assert.equal(value("coalesce(a, 'x')", { a: '' }), '', 'an empty string is a value');
  });

  test('coalesce, ifNull and if evaluate only what they need', () => {
    assert.equal(value('coalesce(total, 1 / 0)', { total: 5 }), 5);
    assert.equal(value('ifNull(total, 1 / 0)', { total: 5 }), 5);
    assert.equal(value('if(qty == 0, 0, total / qty)', { qty: 0, total: 5 }), 0);
  });

  test('ifNull gives a fallback for null or missing values', () => {
    assert.equal(value("ifNull(region, '')"), '');
    assert.equal(value("ifNull(region, '')", { region: 'TX' }), 'TX');
  });

  test('isNull tells null and missing apart from every value', () => {
    assert.equal(value('isNull(x)'), true);
    assert.equal(value('isNull(x)', { x: null }), true);
    assert.equal(value('isNull(x)', { x: 0 }), false);
    assert.equal(value('isNull(x)', { x: '' }), false);
  });

  test('if takes the else branch for false and null, and fails on a non-boolean condition', () => {
    assert.equal(value("if(flag, 'y', 'n')", { flag: true }), 'y');
    assert.equal(value("if(flag, 'y', 'n')", { flag: null }), 'n');
    assert.throws(
      () => value("if(flag, 'y', 'n')", { flag: 'true' }),
      (e: unknown) => e instanceof ExpressionEvaluationError && /if\(\): the condition must be true, false or null, got 'true'/.test(e.message) && e.position === 0,
    );
  });
});
