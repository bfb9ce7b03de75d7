import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';
import type { DataRecord } from '../types';

const rename = (config: Record<string, string>) => compileTransform([{ rename: config }]);
const run = (config: Record<string, string>, record: DataRecord) => rename(config).run(record);
/** The record as it would be encoded: absent (undefined) keys left out. */
const plain = (record: unknown) => JSON.parse(JSON.stringify(record));

describe('rename', () => {
  test('moves fields to new names and into nested paths', () => {
    const { records, reasons } = run({ ORD_NO: 'orderId', 'Cust#': 'customer.customerId', 'Cust Name': 'customer.name', WH_CTRY: 'shipFrom.country' }, { ORD_NO: 'SO-1', 'Cust#': 'C1', 'Cust Name': 'Acme', WH_CTRY: 'US', kept: 1 });
    assert.deepEqual(reasons, []);
    assert.deepEqual(plain(records[0]), { kept: 1, orderId: 'SO-1', customer: { customerId: 'C1', name: 'Acme' }, shipFrom: { country: 'US' } });
  });

  test('moves nested fields out, and all moves happen at once, so a swap works', () => {
    assert.deepEqual(plain(run({ 'a.b': 'c', 'x.y.z': 'x.w' }, { a: { b: 1, keep: 2 }, x: { y: { z: 3 } } }).records[0]), { a: { keep: 2 }, x: { y: {}, w: 3 }, c: 1 });
    assert.deepEqual(plain(run({ a: 'b', b: 'a' }, { a: 1, b: 2 }).records[0]), { a: 2, b: 1 });
  });

  test('a missing source is left missing and does not clear the target; null moves as a value', () => {
    assert.deepEqual(plain(run({ a: 'b' }, { b: 'kept' }).records[0]), { b: 'kept' });
    assert.deepEqual(plain(run({ a: 'b' }, { a: null, b: 'replaced' }).records[0]), { b: null });
  });

  test('a target whose parent is not a record fails the record, naming the target', () => {
    const { records, reasons } = run({ a: 'b.c' }, { a: 1, b: 'text' });
    assert.deepEqual(records, []);
    assert.deepEqual(reasons, [{ step: 'rename', index: 0, field: 'b.c', message: 'cannot set b.c: its parent is a string' }]);
  });

  test('fields named like prototype members move as data', () => {
    const record = JSON.parse('{"constructor": "c", "__proto__": "p"}') as DataRecord;
    assert.equal(JSON.stringify(run({ constructor: 'ctor', x: '__proto__.y' }, record).records[0]), '{"__proto__":"p","ctor":"c"}');
    assert.equal(JSON.stringify(run({ constructor: '__proto__' }, JSON.parse('{"constructor": "c"}')).records[0]), '{"__proto__":"c"}');
    assert.throws(() => rename(JSON.parse('{"__proto__": "proto"}')), /\[0\] rename\.__proto__: '__proto__' cannot be a key in a step config/);
    assert.deepEqual(plain(run({ toString: 'x' }, {}).records[0]), {}, 'an inherited member is not a field');
  });

  test('wildcards and malformed paths are refused when the pipeline compiles', () => {
    assert.throws(() => rename({ 'lines[*].sku': 'sku' }), /\[0\] rename\.lines\[\*\]\.sku: 'lines\[\*\]\.sku' has a \[\*\] wildcard/);
    assert.throws(() => rename({ a: 'b..c' }), /\[0\] rename\.a: expected a field name at offset 2 of 'b\.\.c'/);
    assert.throws(() => rename({ a: 1 } as unknown as Record<string, string>), /\[0\] rename\.a: /);
  });

  test('the output fields move with their children', () => {
    const { fields, errors } = rename({ shipTo: 'address', missing: 'x' }).outputFields(fieldSetOf({ 'shipTo.country': 'string', id: 'long' }));
    assert.deepEqual(fields.entries(), [['id', 'long'], ['address', 'record'], ['address.country', 'string']]);
    assert.deepEqual(errors, [{ step: 'rename', index: 0, field: 'missing', message: "reads 'missing', which neither the source nor an earlier step produces" }]);
  });
});
