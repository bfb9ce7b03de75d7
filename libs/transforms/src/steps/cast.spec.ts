import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';
import type { CompileContext, DataRecord } from '../types';

const cast = (config: Record<string, unknown>, ctx: CompileContext = {}) => compileTransform([{ cast: config }], ctx);
const one = (config: Record<string, unknown>, record: DataRecord, ctx: CompileContext = {}) => {
  const { records, reasons } = cast(config, ctx).run(record);
  assert.deepEqual(reasons, []);
  return records[0];
};
const reasonsOf = (config: Record<string, unknown>, record: DataRecord) => cast(config).run(record).reasons.map((r) => `${r.field}: ${r.message}`);

describe('cast', () => {
  test('numbers from text: int, long, float, double', () => {
    assert.deepEqual(one({ a: 'int', b: 'long', c: 'float', d: 'double' }, { a: '42', b: '9007199254740991', c: '1.5', d: 7 }), { a: 42, b: 9007199254740991, c: 1.5, d: 7 });
  });

  test('decimals are rounded to their scale (default 2), with separators and a precision limit', () => {
    assert.deepEqual(
      one({ price: { type: 'decimal', scale: 4, groupSeparator: ',' }, eu: { type: 'decimal', decimalSeparator: ',', groupSeparator: '.' }, total: 'decimal' }, { price: '1,234.56789', eu: '1.234,565', total: 2.675 }),
      { price: 1234.5679, eu: 1234.57, total: 2.68 },
    );
    assert.deepEqual(reasonsOf({ x: { type: 'decimal', scale: 2, precision: 4 } }, { x: '123.45' }), ["x: '123.45' does not fit decimal(4,2): at most 2 digits before the point"]);
  });

  test('booleans and strings', () => {
    assert.deepEqual(one({ a: 'boolean', b: 'boolean', c: 'string', d: 'string' }, { a: 'yes', b: 0, c: 1042, d: true }), { a: true, b: false, c: '1042', d: 'true' });
  });

  test('dates become days since 1970-01-01 and timestamps epoch milliseconds, read in formats and zones', () => {
    const out = one(
      {
        iso: 'date',
        eu: { type: 'date', format: 'dd.MM.yyyy' },
        local: { type: 'timestamp', format: 'yyyy-MM-dd HH:mm:ss', timeZone: 'America/Chicago' },
        offset: 'timestamp',
        seconds: { type: 'timestamp', unit: 'seconds' },
      },
      { iso: '2024-03-05', eu: '05.03.2024', local: '2024-03-05 14:22:10', offset: '2024-03-05T14:22:10+01:00', seconds: 1709648530 },
    );
    assert.deepEqual(out, { iso: 19_787, eu: 19_787, local: Date.UTC(2024, 2, 5, 20, 22, 10), offset: Date.UTC(2024, 2, 5, 13, 22, 10), seconds: 1_709_648_530_000 });
  });

  test("the pipeline's zone applies to text without an offset when the cast names none", () => {
    assert.deepEqual(one({ t: { type: 'timestamp', format: 'yyyy-MM-dd HH:mm' } }, { t: '2024-01-15 09:00' }, { timeZone: 'Asia/Tokyo' }), { t: Date.UTC(2024, 0, 15) });
  });

  test('wildcard paths cast every element; null and missing values stay as they are', () => {
    const record = { lines: [{ qty: '2' }, { qty: null }, {}, { qty: '3' }], n: null };
    assert.deepEqual(one({ 'lines[*].qty': 'int', n: 'int', missing: 'int' }, record), { lines: [{ qty: 2 }, { qty: null }, {}, { qty: 3 }], n: null });
  });

  test('a value that does not convert fails the record, naming the field as configured', () => {
    assert.deepEqual(reasonsOf({ qty: 'int' }, { qty: '2.5' }), ["qty: expected int, got '2.5'"]);
    assert.deepEqual(reasonsOf({ 'lines[*].qty': 'int' }, { lines: [{ qty: 1 }, { qty: 'two' }] }), ["lines[*].qty: expected int, got 'two'"]);
    assert.deepEqual(reasonsOf({ on: 'boolean' }, { on: 'perhaps' }), ["on: expected boolean, got 'perhaps'"]);
    assert.deepEqual(reasonsOf({ s: 'string' }, { s: { a: 1 } }), ['s: expected string, got a record']);
    assert.deepEqual(reasonsOf({ n: 'double' }, { n: [1] }), ['n: expected double, got an array']);
  });

  test('absurd dates fail the record', () => {
    assert.deepEqual(reasonsOf({ d: 'date' }, { d: '2024-02-30' }), ["d: expected a date as 'iso', got '2024-02-30': day 30 is out of range: February 2024 has 29 days"]);
    assert.deepEqual(reasonsOf({ d: 'date' }, { d: '99999-12-31' }), ["d: expected a date as 'iso', got '99999-12-31': expected '-' at offset 4"]);
    assert.deepEqual(reasonsOf({ d: { type: 'date', format: 'dd/MM/yyyy' } }, { d: '31/02/2024' }), ["d: expected a date as 'dd/MM/yyyy', got '31/02/2024': day 31 is out of range: February 2024 has 29 days"]);
    assert.deepEqual(reasonsOf({ t: 'timestamp' }, { t: 1e17 }), ['t: expected a timestamp, got 100000000000000000, which is outside years 1-9999']);
  });

  test('the first failure wins and the record produces nothing', () => {
    const { records, reasons } = cast({ a: 'int', b: 'int' }).run({ a: 'x', b: 'y' });
    assert.deepEqual(records, []);
    assert.equal(reasons.length, 1);
    assert.equal(reasons[0].field, 'a');
  });

  test('bad configs are refused when the pipeline compiles, naming the setting', () => {
    assert.throws(() => cast({ a: 'integer' }), /\[0\] cast\.a: /);
    assert.throws(() => cast({ a: { type: 'int', scale: 2 } }), /\[0\] cast\.a\.scale: 'scale' does not apply to type int/);
    assert.throws(() => cast({ a: { type: 'date', unit: 'seconds' } }), /'unit' does not apply to type date/);
    assert.throws(() => cast({ a: { type: 'string', format: 'yyyy' } }), /'format' does not apply to type string/);
    assert.throws(() => cast({ a: { type: 'boolean', groupSeparator: ',' } }), /'groupSeparator' does not apply to type boolean/);
    assert.throws(() => cast({ a: { type: 'decimal', scale: 4, precision: 2 } }), /\[0\] cast\.a\.precision: precision 2 is less than scale 4/);
    assert.throws(() => cast({ a: { type: 'date', format: 'dd.MM.yyyyy' } }), /\[0\] cast\.a\.format: 'yyyyy' is not a valid width/);
    assert.throws(() => cast({ a: { type: 'timestamp', timeZone: 'Europe/Atlantis' } }), /\[0\] cast\.a\.timeZone: unknown time zone 'Europe\/Atlantis'/);
    assert.throws(() => cast({ a: 'date' }, { timeZone: 'Nowhere' }), /\[0\] cast\.a: unknown time zone 'Nowhere'/);
    assert.throws(() => cast({ a: { type: 'int', bogus: 1 } }), /\[0\] cast\.a: /);
  });

  test('a cast field takes its new type in the output fields; an unknown field stays unknown', () => {
    const { fields } = cast({ qty: 'int', day: 'date', nope: 'int' }).outputFields(fieldSetOf({ qty: 'string', day: 'string' }));
    assert.deepEqual(fields.entries(), [['qty', 'int'], ['day', 'date']]);
  });
});
