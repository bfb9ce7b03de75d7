import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileTransform } from '../compile-transform';

const step = (name: 'trim' | 'upper' | 'lower', config: string | string[]) => compileTransform([{ [name]: config }]);

describe('trim, upper and lower', () => {
  test('change strings at plain, nested and wildcard paths', () => {
    const record = { name: '  Acme ', shipTo: { city: ' Austin' }, lines: [{ sku: 'gad-7 ' }, { sku: ' wid' }] };
    assert.deepEqual(step('trim', ['name', 'shipTo.city', 'lines[*].sku']).run(record).records, [{ name: 'Acme', shipTo: { city: 'Austin' }, lines: [{ sku: 'gad-7' }, { sku: 'wid' }] }]);
    assert.deepEqual(step('upper', 'lines[*].sku').run(record).records[0], { ...record, lines: [{ sku: 'GAD-7' }, { sku: 'WID' }] });
    assert.deepEqual(step('lower', 'c').run({ c: 'EUR' }).records, [{ c: 'eur' }]);
  });

  test('leave null and missing values alone', () => {
    assert.deepEqual(step('upper', ['a', 'b', 'c.d', 'xs[*]']).run({ a: null, xs: [null, 'x'] }).records, [{ a: null, xs: [null, 'X'] }]);
  });

  test('a value that is not a string fails the record, naming the path', () => {
    assert.deepEqual(step('trim', ['ok', 'zip']).run({ ok: ' a', zip: 2110 }).reasons, [{ step: 'trim', index: 0, field: 'zip', message: 'expected a string, got 2110' }]);
    assert.deepEqual(step('upper', 'lines[*].sku').run({ lines: [{ sku: 'a' }, { sku: ['b'] }] }).reasons, [{ step: 'upper', index: 0, field: 'lines[*].sku', message: 'expected a string, got an array' }]);
  });

  test('malformed paths are refused when the pipeline compiles', () => {
    assert.throws(() => step('trim', ['a', 'b[']), /\[0\] trim\.1: /);
    assert.throws(() => step('lower', []), /\[0\] lower: /);
  });

  test('upper and lower give what toUpperCase and toLowerCase give, for any text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', 'm', 'Q', '-', ' ', '7', 'ß', 'é', 'İ', 'ǅ', '\u{1F600}'), maxLength: 8 });
    fc.assert(
      fc.property(text, (s) => {
        assert.equal(step('upper', 'x').run({ x: s }).records[0].x, s.toUpperCase());
        assert.equal(step('lower', 'x').run({ x: s }).records[0].x, s.toLowerCase());
      }),
    );
  });
});
