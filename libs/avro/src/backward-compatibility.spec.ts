import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBackwardCompatible } from './backward-compatibility';
import { readPlatformSchema } from './platform-schemas';

const money = { type: 'bytes', logicalType: 'decimal', precision: 18, scale: 4 };
const address = { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }] };

function order(fields: object[], lineFields: object[] = [{ name: 'sku', type: 'string' }]) {
  return {
    type: 'record',
    name: 'Order',
    namespace: 'io.tributary',
    fields: [
      { name: 'orderId', type: 'string' },
      { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: lineFields } } },
      ...fields,
    ],
  };
}

describe('checkBackwardCompatible (new schema reads data written with the old)', () => {
  test('an unchanged schema is compatible', () => {
    assert.deepEqual(checkBackwardCompatible(readPlatformSchema('tax-order'), readPlatformSchema('tax-order')), []);
  });

  test('adding an optional field with a default is compatible', () => {
    const after = order([{ name: 'note', type: ['null', 'string'], default: null }]);
    assert.deepEqual(checkBackwardCompatible(order([]), after), []);
  });

  test('adding a field without a default breaks, and the problem names the field', () => {
    const problems = checkBackwardCompatible(order([]), order([{ name: 'currency', type: 'string' }]));
    assert.deepEqual(problems.map((p) => [p.path, p.type]), [['currency', 'READER_FIELD_MISSING_DEFAULT_VALUE']]);
    assert.match(problems[0].message, /added without a default/);
  });

  test('adding a field without a default deep inside an array of records names its path', () => {
    const after = order([], [{ name: 'sku', type: 'string' }, { name: 'unitPrice', type: money }]);
    assert.deepEqual(checkBackwardCompatible(order([]), after).map((p) => p.path), ['lines[].unitPrice']);
  });

  test('removing a field is compatible: the new reader skips it', () => {
    assert.deepEqual(checkBackwardCompatible(order([{ name: 'legacy', type: 'string' }]), order([])), []);
  });

  test('int to long, long to double and string to bytes are promotions the reader makes', () => {
    for (const [before, after] of [['int', 'long'], ['long', 'double'], ['int', 'float'], ['string', 'bytes'], ['bytes', 'string']]) {
      assert.deepEqual(checkBackwardCompatible(order([{ name: 'n', type: before }]), order([{ name: 'n', type: after }])), [], `${before} -> ${after}`);
    }
  });

  test('long to int breaks, naming the field and both types', () => {
    const problems = checkBackwardCompatible(order([{ name: 'n', type: 'long' }]), order([{ name: 'n', type: 'int' }]));
    assert.deepEqual(problems, [{ path: 'n', message: 'long cannot be read as int', type: 'TYPE_MISMATCH' }]);
  });

  test('changing a decimal scale breaks; widening its precision does not', () => {
    const scaled = checkBackwardCompatible(order([{ name: 'total', type: money }]), order([{ name: 'total', type: { ...money, scale: 2 } }]));
    assert.deepEqual(scaled, [{ path: 'total', message: 'decimal(18,4) on bytes cannot be read as decimal(18,2) on bytes', type: 'TYPE_MISMATCH' }]);
    assert.deepEqual(checkBackwardCompatible(order([{ name: 'total', type: money }]), order([{ name: 'total', type: { ...money, precision: 20 } }])), []);
  });

  test('making a field optional is compatible; making an optional field required is not', () => {
    const required = order([{ name: 'city', type: 'string' }]);
    const optional = order([{ name: 'city', type: ['null', 'string'], default: null }]);
    assert.deepEqual(checkBackwardCompatible(required, optional), []);
    const problems = checkBackwardCompatible(optional, required);
    assert.deepEqual(problems.map((p) => p.path), ['city']);
    assert.match(problems[0].message, /null/);
  });

  test('a field inside an optional record is checked through the union', () => {
    const before = order([{ name: 'shipTo', type: ['null', address], default: null }]);
    const after = order([{ name: 'shipTo', type: ['null', { ...address, fields: [...address.fields, { name: 'zip', type: 'string' }] }], default: null }]);
    assert.deepEqual(checkBackwardCompatible(before, after).map((p) => p.path), ['shipTo.zip']);
  });

  test('removing an enum symbol breaks unless the enum has a default; adding one is fine', () => {
    const status = (symbols: string[], extra: object = {}) => order([{ name: 'status', type: { type: 'enum', name: 'Status', symbols, ...extra } }]);
    assert.deepEqual(checkBackwardCompatible(status(['A', 'B']), status(['A', 'B', 'C'])), []);
    assert.deepEqual(checkBackwardCompatible(status(['A', 'B']), status(['A'])), [
      { path: 'status', message: 'enum symbols removed without an enum default: B', type: 'MISSING_ENUM_SYMBOLS' },
    ]);
    assert.deepEqual(checkBackwardCompatible(status(['A', 'B']), status(['A', 'OTHER'], { default: 'OTHER' })), []);
  });

  test('renaming a field breaks unless the new name lists the old one as an alias', () => {
    const before = order([{ name: 'zip', type: 'string' }]);
    assert.deepEqual(checkBackwardCompatible(before, order([{ name: 'postalCode', type: 'string' }])).map((p) => p.path), ['postalCode']);
    assert.deepEqual(checkBackwardCompatible(before, order([{ name: 'postalCode', type: 'string', aliases: ['zip'] }])), []);
  });

  test('renaming a record breaks unless it keeps the old name as an alias', () => {
    const renamed = { ...order([]), name: 'SalesOrder' };
    assert.match(checkBackwardCompatible(order([]), renamed)[0].message, /record io\.tributary\.Order is now io\.tributary\.SalesOrder/);
    assert.deepEqual(checkBackwardCompatible(order([]), { ...renamed, aliases: ['Order'] }), []);
  });

  test('reports every problem, not just the first', () => {
    const after = order([{ name: 'a', type: 'string' }, { name: 'b', type: 'int' }], [{ name: 'sku', type: 'int' }]);
    assert.deepEqual(checkBackwardCompatible(order([]), after).map((p) => p.path), ['lines[].sku', 'a', 'b']);
  });

  test('handles recursive schemas', () => {
    const tree = { type: 'record', name: 'Node', fields: [{ name: 'children', type: { type: 'array', items: 'Node' } }] };
    const grown = { ...tree, fields: [...tree.fields, { name: 'label', type: 'string' }] };
    assert.deepEqual(checkBackwardCompatible(tree, tree), []);
    assert.deepEqual(checkBackwardCompatible(tree, grown).map((p) => p.path), ['label']);
  });
});
