import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';

const coalesce = (config: Record<string, string[]>) => compileTransform([{ coalesce: config }]);

describe('coalesce', () => {
  test('stores the first non-null candidate, else null', () => {
    const step = coalesce({ contact: ['email', 'phone', "'none'"], name: ['nick', "concat(first, ' ', last)"] });
    assert.deepEqual(step.run({ phone: '+49', first: 'Ada', last: 'L' }).records, [{ phone: '+49', first: 'Ada', last: 'L', contact: '+49', name: 'Ada L' }]);
    assert.deepEqual(step.run({ email: 'a@b', nick: 'ada' }).records, [{ email: 'a@b', nick: 'ada', contact: 'a@b', name: 'ada' }]);
    assert.deepEqual(coalesce({ x: ['a', 'b'] }).run({}).records, [{ x: null }]);
  });

  test('later candidates are not evaluated once one is found', () => {
    assert.deepEqual(coalesce({ x: ['total', 'total / 0'] }).run({ total: 3 }).records, [{ total: 3, x: 3 }]);
  });

  test('a failing candidate fails the record, naming the target and the expression', () => {
    assert.deepEqual(coalesce({ x: ['missing', 'a * 2'] }).run({ a: 'two' }).reasons, [{ step: 'coalesce', index: 0, field: 'x', message: "cannot apply * to 'two' and 2 (in 'a * 2' at offset 2)" }]);
    assert.deepEqual(coalesce({ 'p.q': ['1'] }).run({ p: 1 }).reasons, [{ step: 'coalesce', index: 0, field: 'p.q', message: 'cannot set p.q: its parent is a number' }]);
  });

  test('bad configs are refused when the pipeline compiles', () => {
    assert.throws(() => coalesce({ x: [] }), /\[0\] coalesce\.x: /);
    assert.throws(() => coalesce({ x: ['a', 'b +'] }), /\[0\] coalesce\.x\.1: invalid expression 'b \+'/);
  });
});
