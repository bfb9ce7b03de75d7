import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression } from './compile-expression';
import { ExpressionEvaluationError, ExpressionSyntaxError } from './expression-errors';
import { parseExpression } from './parser';
import { valuesEqual } from './values';

const value = (text: string, record: Record<string, unknown> = {}) => compileExpression(text).evaluate(record);

/** The evaluation error for text on record: its message and position. */
function evaluationError(text: string, record: Record<string, unknown> = {}): { message: string; position: number } {
  try {
    compileExpression(text).evaluate(record);
  } catch (e) {
    assert.ok(e instanceof ExpressionEvaluationError, `expected ExpressionEvaluationError, got ${String(e)}`);
    return { message: e.message, position: e.position };
  }
  assert.fail(`'${text}' evaluated`);
}

describe('compileExpression', () => {
  test('arithmetic follows precedence and keeps doubles', () => {
    assert.equal(value('1 + 2 * 3'), 7);
    assert.equal(value('(1 + 2) * 3'), 9);
    assert.equal(value('7 % 4 - 10 / 4'), 0.5);
    assert.equal(value('net + shipping', { net: 100.5, shipping: 4.99 }), 105.49);
    assert.equal(value('-x', { x: 0 }), 0, 'never -0');
    assert.ok(Object.is(value('-x', { x: 0 }), 0));
  });

  test('+ joins two strings but never a string and a number', () => {
    assert.equal(value("first + ' ' + last", { first: 'Ada', last: 'Lovelace' }), 'Ada Lovelace');
    assert.deepEqual(evaluationError("'n' + 1"), { message: "cannot apply + to 'n' and 1", position: 4 });
  });

  test('types never convert implicitly: a wrong type is an error naming the operator position', () => {
    assert.deepEqual(evaluationError('qty * 2', { qty: '3' }), { message: "cannot apply * to '3' and 2", position: 4 });
    assert.deepEqual(evaluationError('a < b', { a: 1, b: 'x' }), { message: "cannot compare 1 < 'x'", position: 2 });
    assert.match(evaluationError('-name', { name: 'x' }).message, /cannot negate 'x'/);
    assert.match(evaluationError('not 1').message, /'not' needs true, false or null, got 1/);
    assert.match(evaluationError('1 and true').message, /'and' needs true, false or null on both sides, got 1/);
    assert.match(evaluationError('x ? 1 : 2', { x: 'yes' }).message, /condition before '\?' must be true, false or null, got 'yes'/);
    assert.match(evaluationError('1 in 2').message, /'in' needs a list on its right, got 2/);
  });

  test('division and remainder by zero are errors, never Infinity or NaN', () => {
    assert.deepEqual(evaluationError('total / qty', { total: 10, qty: 0 }), { message: 'division by zero', position: 6 });
    assert.match(evaluationError('5 % 0').message, /division by zero/);
    assert.match(evaluationError('x * x', { x: 1e200 }).message, /is not a finite number/);
  });

  test('strings and numbers compare by value, lexicographically for strings', () => {
    assert.equal(value("'apple' < 'banana'"), true);
    assert.equal(value("'2024-03-05' >= '2024-03-01'"), true);
    assert.equal(value('2 <= 2 and 3 > 2 and 2 >= 3 == false'), true);
  });

  test('equality is by type and value: 1 is not "1", arrays compare element-wise', () => {
    assert.equal(value("1 == '1'"), false);
    assert.equal(value("1 != '1'"), true);
    assert.equal(value('[1, 2] == [1, 2]'), true);
    assert.equal(value('tags == ["a", "b"]', { tags: ['a', 'b'] }), true);
    assert.equal(value('x == y', { x: { a: 1 }, y: { a: 1 } }), false, 'records are equal only when they are the same record');
  });

  test('a missing field reads as null, and null == null', () => {
    assert.equal(value('missing'), null);
    assert.equal(value('shipTo.country', { shipTo: null }), null);
    assert.equal(value('missing == null'), true);
    assert.equal(value('missing != null'), false);
    assert.equal(value("x == null", { x: '' }), false);
  });

  test('arithmetic and ordering with null give null', () => {
    assert.equal(value('net + missing', { net: 1 }), null);
    assert.equal(value('missing * 2'), null);
    assert.equal(value('-missing'), null);
    assert.equal(value('missing < 3'), null);
    assert.equal(value('missing in [1]'), null);
    assert.equal(value('1 in missing'), null);
  });

  test('and, or and not follow three-valued logic and short-circuit', () => {
    assert.equal(value('false and missing'), false);
    assert.equal(value('true and missing'), null);
    assert.equal(value('true or missing'), true);
    assert.equal(value('false or missing'), null);
    assert.equal(value('not missing'), null);
    assert.equal(value("x == 0 or 10 / x > 1", { x: 0 }), true, 'the right side is not evaluated');
    assert.equal(value("x != 0 and 10 / x > 1", { x: 0 }), false);
  });

  test('the conditional evaluates only the branch it takes; a null condition takes the else branch', () => {
    assert.equal(value('qty == 0 ? 0 : total / qty', { qty: 0, total: 5 }), 0);
    assert.equal(value('flag ? "y" : "n"'), 'n');
  });

  test('in tests membership in a constant list or a list field', () => {
    assert.equal(value("currency in ['USD', 'EUR']", { currency: 'EUR' }), true);
    assert.equal(value("currency not in ['USD', 'EUR']", { currency: 'GBP' }), true);
    assert.equal(value('2 in xs', { xs: [1, 2, 3] }), true);
    assert.equal(value('[1] in xs', { xs: [[1], [2]] }), true);
    assert.equal(value('x in [a, b]', { x: 3, a: 1, b: 3 }), true);
  });

  test('paths reach into records and arrays; wildcards collect every match', () => {
    const order = { shipTo: { country: 'DE' }, lines: [{ sku: 'A', amount: 2 }, { sku: 'B' }, { sku: 'C', amount: 3 }] };
    assert.equal(value('shipTo.country', order), 'DE');
    assert.equal(value('lines[2].sku', order), 'C');
    assert.equal(value('lines[9].sku', order), null);
    assert.deepEqual(value('lines[*].amount', order), [2, 3]);
    assert.equal(value('lines.sku', order), null, 'a key on an array finds nothing');
    assert.equal(value('`Inv Date`', { 'Inv Date': '05/03/2024' }), '05/03/2024');
  });

  test('reads lists every field path, normalized', () => {
    const compiled = compileExpression("round(sum(lines[*].amount), 2) == total and shipTo.country in ['DE'] and lines[0].sku != null");
    assert.deepEqual([...compiled.reads].sort(), ['lines[].amount', 'lines[].sku', 'shipTo.country', 'total']);
    assert.equal(compiled.source, "round(sum(lines[*].amount), 2) == total and shipTo.country in ['DE'] and lines[0].sku != null");
  });

  test('a parsed tree compiles as well as text', () => {
    assert.equal(compileExpression(parseExpression('a + 1')).evaluate({ a: 1 }), 2);
  });

  test('compiling throws ExpressionSyntaxError for bad text and bad constant arguments', () => {
    assert.throws(() => compileExpression('a +'), ExpressionSyntaxError);
    assert.throws(() => compileExpression("parseDate(x, 'yyyy-QQ')"), (e: unknown) => e instanceof ExpressionSyntaxError && e.position === 13);
    assert.throws(() => compileExpression("formatDate(x, 'iso', 'Mars/Olympus')"), /unknown time zone 'Mars\/Olympus'/);
  });

  test('the engine limits of one record become an evaluation error, not a crash', () => {
    const nested = () => {
      let deep: unknown = [];
      for (let i = 0; i < 200_000; i++) deep = [deep];
      return deep;
    };
    const failure = evaluationError('x == y', { x: nested(), y: nested() });
    assert.match(failure.message, /^cannot evaluate: Maximum call stack size exceeded/);
    assert.equal(failure.position, 2);
  });

  test('attempt returns the evaluation error that evaluate throws, and the value otherwise', () => {
    const expression = compileExpression("parseDate(d, 'yyyy-MM-dd')");
    const failure = expression.attempt({ d: '2024-02-30' });
    assert.ok(failure instanceof ExpressionEvaluationError);
    assert.throws(() => expression.evaluate({ d: '2024-02-30' }), (e: unknown) => e instanceof ExpressionEvaluationError && e.message === failure.message && e.position === failure.position);
    assert.equal(expression.attempt({ d: '2024-03-05' }), Date.UTC(2024, 2, 5));
    assert.equal(expression.attempt({}), null);
  });

  test('== and != against a literal agree with the operator on any value, missing ones included', () => {
    const literal = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 3 }), fc.constantFrom('', 'a', "it's"));
    const field = fc.oneof(literal, fc.constant(undefined), fc.constant([1]), fc.constant(new Date(0)), fc.double());
    const text = (v: unknown) => (typeof v === 'string' ? `'${v.replace(/'/g, "\\'")}'` : String(v));
    fc.assert(
      fc.property(field, literal, fc.boolean(), (x, l, negate) => {
        const record = x === undefined ? {} : { x };
        const expected = valuesEqual(x ?? null, l) !== negate;
        assert.equal(compileExpression(`x ${negate ? '!=' : '=='} ${text(l)}`).evaluate(record), expected);
      }),
    );
  });
});
