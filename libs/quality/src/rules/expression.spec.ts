import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules } from '../compile-rules';
import { RuleCompileError } from '../rule-config-error';

const totalsAddUp = { check: 'abs(sum(lines[*].amount) - total) <= 0.01', message: 'line amounts must add up to the order total', field: 'total' };
const messages = (config: unknown, record: Record<string, unknown>) => compileRules([{ expression: config }]).check(record).map((r) => r.message);

describe('expression', () => {
  test('a consistent record passes and an inconsistent one fails with the configured message and field', () => {
    assert.deepEqual(messages(totalsAddUp, { total: 30, lines: [{ amount: 10 }, { amount: 20 }] }), []);
    const reasons = compileRules([{ expression: totalsAddUp }]).check({ total: 31, lines: [{ amount: 10 }, { amount: 20 }] });
    assert.deepEqual(reasons, [{ rule: 'expression', index: 0, field: 'total', message: 'line amounts must add up to the order total' }]);
  });

  test('the short form is just the expression, which is also its message', () => {
    assert.deepEqual(messages('net <= gross', { net: 2, gross: 1 }), ['net <= gross is false']);
  });

  test('a null result (a field it reads is missing) is left to notNull', () => {
    assert.deepEqual(messages('net <= gross', { gross: 1 }), []);
  });

  test('wrong types fail the record with what went wrong, instead of throwing', () => {
    const [message] = messages('net * 2 > 1', { net: 'abc' });
    assert.match(message, /^net \* 2 > 1 could not be evaluated: /);
  });

  test('a result that is not true or false fails the record', () => {
    assert.deepEqual(messages('net + 1', { net: 1 }), ['net + 1 gave 2, not true or false']);
  });

  test('a malformed expression is a config error pointing into the text', () => {
    try {
      compileRules([{ expression: { check: 'total >= (1 +' } }]);
      assert.fail('expected RuleCompileError');
    } catch (e) {
      assert.ok(e instanceof RuleCompileError);
      assert.deepEqual(e.problems[0].path, ['expression', 'check']);
      assert.equal(typeof e.problems[0].position, 'number');
    }
  });

  test('there is no way out to JavaScript: globals and prototypes are not reachable', () => {
    assert.throws(() => compileRules([{ expression: 'process.exit(1)' }]));
    assert.deepEqual(messages('constructor == null', {}), []);
  });

  test('it reports the fields it reads, for apply-time checks', () => {
    const { rules } = compileRules([{ expression: totalsAddUp }]);
    assert.deepEqual([...rules[0].rule.reads].sort(), ['lines[].amount', 'total']);
  });
});
