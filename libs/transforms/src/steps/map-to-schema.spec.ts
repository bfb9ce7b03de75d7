import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';
import type { CompileContext } from '../types';

const Order = {
  type: 'record',
  name: 'Order',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'orderDate', type: { type: 'int', logicalType: 'date' } },
    { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
    { name: 'currency', type: 'string', default: 'USD' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }] } } },
  ],
};
const mapTo = (config: Record<string, unknown>, ctx: CompileContext = {}) => compileTransform([{ mapToSchema: config }], ctx);

describe('mapToSchema', () => {
  test('coerces to the schema: field order, types, defaults; fields it does not name are dropped', () => {
    const { records, reasons } = mapTo({ schema: Order }).run({ extra: 1, lines: [{ qty: '2', sku: 'A', junk: true }], total: '105.495', orderDate: '2024-03-05', orderId: 17 });
    assert.deepEqual(reasons, []);
    assert.deepEqual(records, [{ orderId: '17', orderDate: 19_787, total: 105.5, currency: 'USD', note: null, lines: [{ sku: 'A', qty: 2 }] }]);
    assert.deepEqual(Object.keys(records[0]), ['orderId', 'orderDate', 'total', 'currency', 'note', 'lines']);
  });

  test('every misfit is its own reason, named by path', () => {
    const { records, reasons } = mapTo({ schema: Order }).run({ orderDate: '2024-02-30', total: 'n/a', lines: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 'two' }] });
    assert.deepEqual(records, []);
    assert.deepEqual(reasons, [
      { step: 'mapToSchema', index: 0, field: 'orderId', message: 'orderId: missing required field (string)' },
      { step: 'mapToSchema', index: 0, field: 'orderDate', message: "orderDate: expected a date as 'iso', got '2024-02-30': day 30 is out of range: February 2024 has 29 days" },
      { step: 'mapToSchema', index: 0, field: 'total', message: "total: expected decimal(12,2), got 'n/a'" },
      { step: 'mapToSchema', index: 0, field: 'lines[1].qty', message: "lines[1].qty: expected int, got 'two'" },
    ]);
  });

  test('extraFields: error fails a record that carries fields the schema does not name', () => {
    const step = mapTo({ schema: { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] }, extraFields: 'error' });
    assert.deepEqual(step.run({ a: 1, b: 2, gone: undefined }).reasons, [{ step: 'mapToSchema', index: 0, field: 'b', message: 'b: not in the schema' }]);
    assert.deepEqual(step.run({ a: 1 }).records, [{ a: 1 }]);
  });

  test('a schema may be named and handed over at compile time', () => {
    assert.deepEqual(mapTo({ schema: 'Order' }, { schemas: { Order } }).run({ orderId: 'x', orderDate: 1, total: 1, lines: [] }).records, [{ orderId: 'x', orderDate: 1, total: 1, currency: 'USD', note: null, lines: [] }]);
  });

  test('bad schemas are refused when the pipeline compiles, with the path inside the schema', () => {
    assert.throws(() => mapTo({ schema: 'Missing' }, { schemas: { Order } }), /\[0\] mapToSchema\.schema: unknown schema 'Missing'; known: Order/);
    assert.throws(() => mapTo({ schema: 'Missing' }), /none were provided/);
    assert.throws(() => mapTo({ schema: { type: 'record', name: 'R', fields: [{ name: 'a', type: 'nope' }] } }), /\[0\] mapToSchema\.schema\.fields\.0\.type: invalid Avro schema: unknown type 'nope'/);
    assert.throws(() => mapTo({ schema: { type: 'string' } }), /the schema must be a record, not string/);
    assert.throws(() => mapTo({ schema: Order, extraFields: 'keep' }), /\[0\] mapToSchema\.extraFields: /);
  });

  test('the output fields are the schema\'s, and its required fields must come from earlier steps', () => {
    const { fields, errors } = mapTo({ schema: Order }).outputFields(fieldSetOf({ orderId: 'string', total: 'string' }));
    assert.deepEqual(fields.entries().map(([path]) => path), ['orderId', 'orderDate', 'total', 'currency', 'note', 'lines', 'lines[]', 'lines[].sku', 'lines[].qty']);
    assert.deepEqual(errors.map((e) => e.field), ['orderDate', 'lines']);
  });
});
