import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';

const flatten = (config: Record<string, unknown> = {}) => compileTransform([{ flatten: config }]);

describe('flatten', () => {
  const order = { id: 1, shipTo: { country: 'DE', geo: { lat: 52 } }, lines: [{ sku: 'A' }], empty: {} };

  test('turns nested records into top-level keys joined by the separator', () => {
    assert.deepEqual(flatten().run(structuredClone(order)).records, [{ id: 1, shipTo_country: 'DE', shipTo_geo_lat: 52, lines: [{ sku: 'A' }], empty: {} }]);
    assert.deepEqual(flatten({ separator: '.' }).run(structuredClone(order)).records[0], { id: 1, 'shipTo.country': 'DE', 'shipTo.geo.lat': 52, lines: [{ sku: 'A' }], empty: {} });
  });

  test('flattens arrays too with arrays: index, and only one field when named', () => {
    assert.deepEqual(flatten({ arrays: 'index' }).run({ lines: [{ sku: 'A' }, 'x'], none: [] }).records, [{ lines_0_sku: 'A', lines_1: 'x', none: [] }]);
    assert.deepEqual(flatten({ field: 'shipTo' }).run(structuredClone(order)).records, [{ id: 1, shipTo_country: 'DE', shipTo_geo_lat: 52, lines: [{ sku: 'A' }], empty: {} }]);
  });

  test('two fields that flatten to the same key fail the record instead of one overwriting the other', () => {
    assert.deepEqual(flatten().run({ a_b: 1, a: { b: 2 } }).reasons, [{ step: 'flatten', index: 0, field: 'a_b', message: "two fields flatten to the key 'a_b'" }]);
    assert.deepEqual(flatten({ field: 'a' }).run({ a: { b: 2 }, a_b: 1 }).reasons, [{ step: 'flatten', index: 0, field: 'a_b', message: "two fields flatten to the key 'a_b'" }]);
  });

  test('keys named like prototype members are kept as data', () => {
    assert.equal(JSON.stringify(flatten().run(JSON.parse('{"__proto__": {"x": 1}}')).records[0]), '{"__proto___x":1}');
    assert.equal(JSON.stringify(flatten({ separator: 'to' }).run(JSON.parse('{"__pro": {"__": 1}}')).records[0]), '{"__proto__":1}');
    assert.equal(({} as Record<string, unknown>).__proto__, Object.prototype);
  });

  test('bad configs are refused when the pipeline compiles', () => {
    assert.throws(() => flatten({ field: 'a.b' }), /\[0\] flatten\.field: field must be a top-level field name/);
    assert.throws(() => flatten({ separator: '' }), /\[0\] flatten\.separator: /);
    assert.throws(() => flatten({ arrays: 'explode' }), /\[0\] flatten\.arrays: /);
  });

  test('the output fields are flattened the same way', () => {
    const { fields } = flatten().outputFields(fieldSetOf({ id: 'long', 'shipTo.country': 'string', 'lines[].sku': 'string' }));
    assert.deepEqual(fields.entries(), [['id', 'long'], ['shipTo_country', 'string'], ['lines', 'array']]);
  });
});
