import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRules } from './compile-rules';
import { RuleCompileError } from './rule-config-error';
import { RULE_DEFINITIONS } from './rule-list';

describe('compileRules', () => {
  test('every rule runs, so a failing record names all its faults with their rule index', () => {
    const rules = compileRules([{ notNull: ['orderId'] }, { range: { field: 'total', min: 0 } }, { enum: { field: 'currency', values: ['USD'] } }]);
    const reasons = rules.check({ total: -1, currency: 'EUR' });
    assert.deepEqual(
      reasons.map((r) => [r.index, r.rule, r.field]),
      [
        [0, 'notNull', 'orderId'],
        [1, 'range', 'total'],
        [2, 'enum', 'currency'],
      ],
    );
  });

  test('a passing record gets the same empty list every time', () => {
    const rules = compileRules([{ notNull: ['a'] }]);
    assert.equal(rules.check({ a: 1 }), rules.check({ a: 2 }));
    assert.equal(rules.check({ a: 1 }).length, 0);
  });

  test('every problem of the list is reported at once, located by index and config path', () => {
    try {
      compileRules([{ notNul: ['a'] }, { range: { field: 'x' } }, { pattern: { field: 'x', regex: '(' } }, {}, 'notNull' as never]);
      assert.fail('expected RuleCompileError');
    } catch (e) {
      assert.ok(e instanceof RuleCompileError);
      assert.deepEqual(
        e.problems.map((p) => [p.index, p.path.join('.')]),
        [
          [0, 'notNul'],
          [1, 'range'],
          [2, 'pattern.regex'],
          [3, ''],
          [4, ''],
        ],
      );
      assert.match(e.problems[0].message, /unknown rule 'notNul'/);
    }
  });

  test('a rule that throws on a hostile record fails that record instead of the caller', () => {
    const rules = compileRules([{ notNull: ['x'] }]);
    const hostile = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('boom'); } });
    assert.deepEqual(rules.check(hostile).map((r) => r.message), ['internal error: boom']);
  });

  test('the registry holds one definition per rule name, each with a description and config', () => {
    const names = RULE_DEFINITIONS.map((d) => d.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of ['notNull', 'type', 'range', 'pattern', 'enum', 'length', 'unique']) assert.ok(names.includes(name), name);
    for (const d of RULE_DEFINITIONS) assert.ok(d.description.length > 10 && d.config, d.name);
  });
});
