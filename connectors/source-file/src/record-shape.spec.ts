import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAvroSchema } from '@tributary/avro';
import { recordConformer } from './record-conformer';
import { RecordShape } from './record-shape';

function inferred(rows: Record<string, unknown>[], columns: string[] = []) {
  const shape = new RecordShape();
  shape.addColumns(columns);
  for (const row of rows) shape.addRow(row);
  return shape.toAvro('drop/orders', 'io.tributary.source.file', 'files');
}

describe('RecordShape', () => {
  test('infers nullable fields: long, double, boolean, string, nested records and arrays', () => {
    const schema = inferred([{ id: 1, total: 9.5, paid: true, shipTo: { country: 'DE' }, lines: [{ sku: 'a', qty: 2 }], note: null }]);
    assert.equal(schema.name, 'drop_orders');
    const types = Object.fromEntries(schema.fields.map((f) => [f.name, f.type]));
    assert.deepEqual(types.id, ['null', 'long']);
    assert.deepEqual(types.total, ['null', 'double']);
    assert.deepEqual(types.paid, ['null', 'boolean']);
    assert.deepEqual(types.note, ['null', 'string']);
    assert.deepEqual(types.shipTo, ['null', { type: 'record', name: 'drop_orders_shipTo', fields: [{ name: 'country', type: ['null', 'string'], default: null }] }]);
    assert.deepEqual(types.lines, ['null', { type: 'array', items: ['null', { type: 'record', name: 'drop_orders_lines_item', fields: [{ name: 'sku', type: ['null', 'string'], default: null }, { name: 'qty', type: ['null', 'long'], default: null }] }] }]);
    assert.doesNotThrow(() => parseAvroSchema(schema));
  });

  test('widens disagreeing samples: long and double to double, anything else to string', () => {
    const schema = inferred([{ a: 1, b: 1, c: { x: 1 } }, { a: 1.5, b: 'one', c: 'text' }]);
    assert.deepEqual(schema.fields.map((f) => f.type), [['null', 'double'], ['null', 'string'], ['null', 'string']]);
  });

  test('keeps CSV headers as text fields, naming invalid ones validly with their source name', () => {
    const schema = inferred([], ['Order ID', 'total']);
    assert.deepEqual(schema.fields, [
      { name: 'Order_ID', type: ['null', 'string'], default: null, sourceName: 'Order ID' },
      { name: 'total', type: ['null', 'string'], default: null },
    ]);
  });
});

describe('recordConformer', () => {
  const schema = inferred([{ id: 1, 'Inv Date': 'x', shipTo: { country: 'DE' }, lines: [{ qty: 1 }], total: 1.5 }]);
  const conform = recordConformer(schema);

  test('fits a row to the schema: renamed keys, missing fields null, numbers in text fields as text', () => {
    assert.deepEqual(conform({ id: 2, 'Inv Date': 20240101, shipTo: { country: 'FR' }, lines: [] }), { id: 2, Inv_Date: '20240101', shipTo: { country: 'FR' }, lines: [], total: null });
  });

  test('names every misfit by its path at once', () => {
    const reasons = conform({ id: 'two', shipTo: { country: 'FR', zip: '75001' }, lines: [{ qty: 1.5 }], total: 'n/a', extra: 1 });
    assert.ok(Array.isArray(reasons));
    assert.deepEqual(reasons.map((r) => [r.code, r.field]), [
      ['TYPE_MISMATCH', 'id'],
      ['UNKNOWN_FIELD', 'shipTo.zip'],
      ['TYPE_MISMATCH', 'lines[0].qty'],
      ['TYPE_MISMATCH', 'total'],
      ['UNKNOWN_FIELD', 'extra'],
    ]);
    assert.match(reasons[0].message, /^id: expected an integer, got "two"$/);
  });

  test('refuses a row that is not an object', () => {
    assert.deepEqual(conform([1, 2] as never), [{ code: 'NOT_AN_OBJECT', message: 'a row must be an object, got a list', field: null }]);
  });

  test('gives records the Avro codec writes', () => {
    const type = parseAvroSchema(schema);
    const record = conform({ id: 3, lines: [{ qty: 4 }] });
    assert.ok(!Array.isArray(record));
    assert.deepEqual(JSON.parse(JSON.stringify(type.fromBuffer(type.toBuffer(record)))).lines, [{ qty: 4 }]);
  });
});
