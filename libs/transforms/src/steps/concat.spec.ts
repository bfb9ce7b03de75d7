import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';

const concat = (config: Record<string, unknown>) => compileTransform([{ concat: config }]);

describe('concat', () => {
  test('joins strings, numbers and booleans with a separator, skipping nulls by default', () => {
    const step = concat({ fields: ['first', 'middle', 'last', 'n'], separator: ' ', target: 'full' });
    assert.deepEqual(step.run({ first: 'Ada', middle: null, last: 'Lovelace', n: 1 }).records, [{ first: 'Ada', middle: null, last: 'Lovelace', n: 1, full: 'Ada Lovelace 1' }]);
    assert.deepEqual(concat({ fields: ['a', 'b'], target: 'c' }).run({}).records, [{ c: null }], 'all null gives null');
  });

  test('skipNulls: false makes any null give null', () => {
    assert.deepEqual(concat({ fields: ['a', 'b'], target: 'c', skipNulls: false }).run({ a: 'x' }).records, [{ a: 'x', c: null }]);
  });

  test('a record or array among the values fails the record, naming it', () => {
    assert.deepEqual(concat({ fields: ['a', 'b'], target: 'c' }).run({ a: 'x', b: { y: 1 } }).reasons, [{ step: 'concat', index: 0, field: 'b', message: 'expected a string, number or boolean, got a record' }]);
    assert.deepEqual(concat({ fields: ['a'], target: 'p.q' }).run({ a: 'x', p: 'text' }).reasons, [{ step: 'concat', index: 0, field: 'p.q', message: 'cannot set p.q: its parent is a string' }]);
  });

  test('bad configs are refused when the pipeline compiles', () => {
    assert.throws(() => concat({ fields: [], target: 'c' }), /\[0\] concat\.fields: /);
    assert.throws(() => concat({ fields: ['a'] }), /\[0\] concat\.target: /);
    assert.throws(() => concat({ fields: ['a[*]'], target: 'c' }), /\[0\] concat\.fields\.0: .*wildcard/);
  });
});
