import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';
import type { DataRecord } from '../types';

const select = (config: string | string[]) => compileTransform([{ select: config }]);

describe('select', () => {
  test('keeps only the listed fields; nested paths keep their parents', () => {
    const record = { orderId: 'SO-1', total: 5, shipTo: { country: 'DE', city: 'Berlin' }, lines: [{ sku: 'A' }, { sku: 'B' }], junk: 1 };
    assert.deepEqual(select(['orderId', 'shipTo.country', 'lines']).run(record).records, [{ orderId: 'SO-1', shipTo: { country: 'DE' }, lines: [{ sku: 'A' }, { sku: 'B' }] }]);
    assert.deepEqual(select('total').run({ total: 5, other: 1 }).records, [{ total: 5 }]);
  });

  test('missing fields stay missing; null is kept', () => {
    assert.deepEqual(select(['a', 'b.c', 'n']).run({ n: null } as DataRecord).records, [{ n: null }]);
  });

  test('a wildcard, an array element or a malformed path is refused when the pipeline compiles', () => {
    assert.throws(() => select(['lines[*].sku']), /\[0\] select\.0: 'lines\[\*\]\.sku' has a \[\*\] wildcard/);
    assert.throws(() => select(['id', 'lines[1].sku']), /\[0\] select\.1: 'lines\[1\]\.sku' names an array element/);
    assert.throws(() => select([]), /\[0\] select: /);
    assert.throws(() => select('a[b]'), /\[0\] select: expected an index/);
  });

  test('the output fields are exactly the selected ones and their children', () => {
    const { fields } = select(['shipTo', 'id']).outputFields(fieldSetOf({ 'shipTo.country': 'string', id: 'long', x: 'int' }));
    assert.deepEqual(fields.entries(), [['shipTo', 'record'], ['shipTo.country', 'string'], ['id', 'long']]);
  });
});
