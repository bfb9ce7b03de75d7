import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';

const drop = (config: string | string[]) => compileTransform([{ drop: config }]);
const plain = (record: unknown) => JSON.parse(JSON.stringify(record));

describe('drop', () => {
  test('removes top-level, nested and per-element fields; missing ones are ignored', () => {
    const { records, reasons } = drop(['internalNote', 'shipTo.geo', 'lines[*].cost', 'nope', 'nope.deeper']).run({
      internalNote: 'x',
      shipTo: { country: 'DE', geo: { lat: 1 } },
      lines: [{ sku: 'A', cost: 1 }, { sku: 'B' }],
    });
    assert.deepEqual(reasons, []);
    assert.deepEqual(plain(records[0]), { shipTo: { country: 'DE' }, lines: [{ sku: 'A' }, { sku: 'B' }] });
  });

  test('a single path may be written without a list', () => {
    assert.deepEqual(plain(drop('a').run({ a: 1, b: 2 }).records[0]), { b: 2 });
  });

  test('removing from a value that is not a record is a no-op, not an error', () => {
    assert.deepEqual(drop('a.b').run({ a: 'text' }).records, [{ a: 'text' }]);
  });

  test('malformed paths are refused when the pipeline compiles', () => {
    assert.throws(() => drop(['ok', 'bad[']), /\[0\] drop\.1: /);
    assert.throws(() => drop(''), /\[0\] drop: /);
  });

  test('the output fields lose the dropped ones and their children', () => {
    const { fields } = drop(['shipTo', 'lines[*].cost']).outputFields(fieldSetOf({ 'shipTo.country': 'string', 'lines[].cost': 'double', 'lines[].sku': 'string' }));
    assert.deepEqual(fields.entries(), [['lines', 'array'], ['lines[]', 'record'], ['lines[].sku', 'string']]);
  });
});
