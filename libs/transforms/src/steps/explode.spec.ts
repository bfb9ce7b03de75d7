import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';
import type { DataRecord } from '../types';

const explode = (config: Record<string, unknown>) => compileTransform([{ explode: config }]);
const plain = (records: DataRecord[]) => JSON.parse(JSON.stringify(records));

describe('explode', () => {
  test('makes one record per element, each with its own copy of the rest', () => {
    const { records } = explode({ field: 'lines', target: 'line', index: 'lineIndex' }).run({ id: 1, meta: { a: 1 }, lines: [{ sku: 'A' }, { sku: 'B' }] });
    assert.deepEqual(plain(records), [
      { id: 1, meta: { a: 1 }, line: { sku: 'A' }, lineIndex: 0 },
      { id: 1, meta: { a: 1 }, line: { sku: 'B' }, lineIndex: 1 },
    ]);
    (records[0].meta as { a: number }).a = 99;
    assert.equal((records[1].meta as { a: number }).a, 1, 'copies share nothing');
  });

  test('without a target each element replaces the array', () => {
    assert.deepEqual(plain(explode({ field: 'tags' }).run({ tags: ['a', 'b'] }).records), [{ tags: 'a' }, { tags: 'b' }]);
  });

  test('an empty or missing array drops the record, keeps it once with null, or fails it', () => {
    assert.deepEqual(explode({ field: 'xs' }).run({ xs: [] }), { records: [], reasons: [] });
    assert.deepEqual(plain(explode({ field: 'xs', target: 'x', onEmpty: 'keep' }).run({ id: 1 }).records), [{ id: 1, x: null }]);
    assert.deepEqual(explode({ field: 'xs', onEmpty: 'error' }).run({ xs: null }).reasons, [{ step: 'explode', index: 0, field: 'xs', message: 'the array is empty or missing' }]);
  });

  test('a value that is not an array fails the record', () => {
    assert.deepEqual(explode({ field: 'xs' }).run({ xs: 'abc' }).reasons, [{ step: 'explode', index: 0, field: 'xs', message: "expected an array, got 'abc'" }]);
  });

  test('a later step failing on one copy fails the whole record: nothing is emitted', () => {
    const transform = compileTransform([{ explode: { field: 'xs', target: 'x' } }, { cast: { x: 'int' } }]);
    assert.deepEqual(transform.run({ xs: ['1', 'two', '3'] }), { records: [], reasons: [{ step: 'cast', index: 1, field: 'x', message: "expected int, got 'two'" }] });
    assert.deepEqual(transform.run({ xs: ['1', '3'] }).records.map((r) => r.x), [1, 3]);
  });

  test('bad configs are refused when the pipeline compiles', () => {
    assert.throws(() => explode({ field: 'xs[*]' }), /\[0\] explode\.field: .*wildcard/);
    assert.throws(() => explode({ field: 'xs', onEmpty: 'skip' }), /\[0\] explode\.onEmpty: /);
  });

  test('the element fields move to the target in the output fields', () => {
    const { fields } = explode({ field: 'lines', target: 'line', index: 'i' }).outputFields(fieldSetOf({ id: 'long', 'lines[].sku': 'string' }));
    assert.deepEqual(fields.entries(), [['id', 'long'], ['line', 'unknown'], ['line.sku', 'string'], ['i', 'int']]);
  });
});
