import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';

const split = (config: Record<string, unknown>) => compileTransform([{ split: config }]);

describe('split', () => {
  test('splits on literal text or a regex, with trimming and empty parts removed on request', () => {
    assert.deepEqual(split({ field: 'tags', separator: ',' }).run({ tags: 'a, b,,c' }).records, [{ tags: ['a', ' b', '', 'c'] }]);
    assert.deepEqual(split({ field: 'tags', separator: ',', trim: true, removeEmpty: true, target: 'list' }).run({ tags: 'a, b,,c' }).records, [{ tags: 'a, b,,c', list: ['a', 'b', 'c'] }]);
    assert.deepEqual(split({ field: 'tags', separator: '\\s*[,;]\\s*', regex: true }).run({ tags: 'a ; b,c' }).records, [{ tags: ['a', 'b', 'c'] }]);
    assert.deepEqual(split({ field: 'x', separator: '.' }).run({ x: 'a.b' }).records, [{ x: ['a', 'b'] }], 'a literal separator is not a regex');
  });

  test('null stays null, a missing field is left missing, other types fail the record', () => {
    assert.deepEqual(split({ field: 'x', separator: ',' }).run({ x: null }).records, [{ x: null }]);
    assert.deepEqual(split({ field: 'x', separator: ',', target: 'y' }).run({ x: null }).records, [{ x: null, y: null }]);
    assert.deepEqual(split({ field: 'x', separator: ',' }).run({}).records, [{}]);
    assert.deepEqual(split({ field: 'x', separator: ',' }).run({ x: 5 }).reasons, [{ step: 'split', index: 0, field: 'x', message: 'expected a string, got 5' }]);
  });

  test('bad configs are refused when the pipeline compiles', () => {
    assert.throws(() => split({ field: 'x', separator: '' }), /\[0\] split\.separator: /);
    assert.throws(() => split({ field: 'x', separator: '(a+)+', regex: true }), /\[0\] split\.separator: .*repeats a group/);
    assert.throws(() => split({ field: 'x[*]', separator: ',' }), /\[0\] split\.field: .*wildcard/);
  });

  test('the target becomes an array of strings in the output fields', () => {
    assert.deepEqual(split({ field: 'tags', separator: ',' }).outputFields(fieldSetOf({ tags: 'string' })).fields.entries(), [['tags', 'array'], ['tags[]', 'string']]);
  });
});
