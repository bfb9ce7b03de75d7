import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import type { CompileContext } from '../types';

const lookup = (config: Record<string, unknown>, ctx: CompileContext = {}) => compileTransform([{ lookup: config }], ctx);
const countries: CompileContext = {
  references: {
    countries: { key: 'code', rows: [{ code: 'DE', name: 'Germany', vatRate: 0.19 }, { code: 'FR', name: 'France', vatRate: 0.2 }, { code: 7, name: 'Seven' }] },
  },
};

describe('lookup', () => {
  test('a static table maps a key to a value', () => {
    const step = lookup({ key: 'documentType', table: { INV: 'SALES_INVOICE', QUO: 'SALES_ORDER' }, target: 'documentType' });
    assert.deepEqual(step.run({ documentType: 'QUO' }).records, [{ documentType: 'SALES_ORDER' }]);
  });

  test('a reference dataset copies columns or the whole row; numbers and strings match by their text', () => {
    const step = lookup({ key: 'shipTo.country', reference: 'countries', fields: { 'shipTo.countryName': 'name', vat: 'vatRate', none: 'missingColumn' } }, countries);
    assert.deepEqual(step.run({ shipTo: { country: 'DE' } }).records, [{ shipTo: { country: 'DE', countryName: 'Germany' }, vat: 0.19, none: null }]);
    assert.deepEqual(lookup({ key: 'c', reference: 'countries', target: 'row' }, countries).run({ c: '7' }).records, [{ c: '7', row: { code: 7, name: 'Seven' } }]);
  });

  test('looked-up rows are copies: changing one record never changes the table', () => {
    const step = lookup({ key: 'c', reference: 'countries', target: 'row' }, countries);
    const first = step.run({ c: 'FR' }).records[0] as { row: { name: string } };
    first.row.name = 'changed';
    assert.equal((step.run({ c: 'FR' }).records[0] as { row: { name: string } }).row.name, 'France');
  });

  test('a missing key fails the record by default, or stores null, or keeps the targets', () => {
    const table = { DE: 'Germany' };
    assert.deepEqual(lookup({ key: 'c', table, target: 'n' }).run({ c: 'XX' }).reasons, [{ step: 'lookup', index: 0, field: 'c', message: "no entry for 'XX'" }]);
    assert.deepEqual(lookup({ key: 'c', table, target: 'n' }).run({}).reasons, [{ step: 'lookup', index: 0, field: 'c', message: 'the key is null' }]);
    assert.deepEqual(lookup({ key: 'c', table, target: 'n', onMissing: 'null' }).run({ c: 'XX', n: 'old' }).records, [{ c: 'XX', n: null }]);
    assert.deepEqual(lookup({ key: 'c', table, target: 'n', onMissing: 'keep' }).run({ c: 'XX', n: 'old' }).records, [{ c: 'XX', n: 'old' }]);
  });

  test('a key that is not a string or number fails the record, whatever onMissing says', () => {
    assert.deepEqual(lookup({ key: 'c', table: {}, target: 'n', onMissing: 'null' }).run({ c: { x: 1 } }).reasons, [{ step: 'lookup', index: 0, field: 'c', message: 'expected a string or number key, got a record' }]);
  });

  test('table keys that name prototype members are entries like any other', () => {
    const step = lookup({ key: 'c', table: { constructor: 'C', toString: 'T' }, target: 'n', onMissing: 'null' });
    assert.deepEqual(step.run({ c: 'constructor' }).records, [{ c: 'constructor', n: 'C' }]);
    assert.deepEqual(step.run({ c: 'hasOwnProperty' }).records, [{ c: 'hasOwnProperty', n: null }]);
  });

  test('bad configs and datasets are refused when the pipeline compiles', () => {
    assert.throws(() => lookup({ key: 'c', target: 'n' }), /give exactly one of table \(static\) or reference/);
    assert.throws(() => lookup({ key: 'c', table: {}, reference: 'countries', target: 'n' }, countries), /give exactly one of table/);
    assert.throws(() => lookup({ key: 'c', table: {} }), /give target \(the whole row\) and\/or fields/);
    assert.throws(() => lookup({ key: 'c', reference: 'cities', target: 'n' }, countries), /\[0\] lookup\.reference: unknown reference dataset 'cities'; known: countries/);
    assert.throws(() => lookup({ key: 'c', reference: 'cities', target: 'n' }), /none were provided/);
    assert.throws(() => lookup({ key: 'c', reference: 'r', target: 'n' }, { references: { r: { key: 'id', rows: [{ id: 1 }, { id: '1' }] } } }), /reference 'r' has the key '1' twice/);
    assert.throws(() => lookup({ key: 'c', reference: 'r', target: 'n' }, { references: { r: { key: 'id', rows: [{ name: 'no id' }] } } }), /reference 'r' row 0 has no usable 'id' key \(got null\)/);
    assert.throws(() => lookup({ key: 'c', table: {}, target: 'n', onMissing: 'skip' }), /\[0\] lookup\.onMissing: /);
  });
});
