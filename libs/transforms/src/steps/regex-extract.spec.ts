import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';

const extract = (config: Record<string, unknown>) => compileTransform([{ regexExtract: config }]);

describe('regexExtract', () => {
  test('stores the first group by default, a numbered or named group, or the whole match', () => {
    assert.deepEqual(extract({ field: 'ref', pattern: 'INV-(\\d+)', target: 'invoiceNo' }).run({ ref: 'see INV-42 now' }).records, [{ ref: 'see INV-42 now', invoiceNo: '42' }]);
    assert.deepEqual(extract({ field: 'ref', pattern: '([A-Z]+)-(\\d+)', group: 2 }).run({ ref: 'SO-17' }).records, [{ ref: '17' }]);
    assert.deepEqual(extract({ field: 'ref', pattern: '(?<year>\\d{4})-\\d\\d', group: 'year', target: 'y' }).run({ ref: '2024-03' }).records, [{ ref: '2024-03', y: '2024' }]);
    assert.deepEqual(extract({ field: 'ref', pattern: '\\d+', target: 'n' }).run({ ref: 'a12b' }).records, [{ ref: 'a12b', n: '12' }]);
    assert.deepEqual(extract({ field: 'ref', pattern: '(\\p{Lu}+)', flags: 'u', target: 'n' }).run({ ref: 'abcÄÖx' }).records, [{ ref: 'abcÄÖx', n: 'ÄÖ' }]);
  });

  test('no match stores null, keeps the target, or fails the record, as configured', () => {
    const record = { ref: 'none', n: 'old' };
    assert.deepEqual(extract({ field: 'ref', pattern: '(\\d+)', target: 'n' }).run({ ...record }).records, [{ ref: 'none', n: null }]);
    assert.deepEqual(extract({ field: 'ref', pattern: '(\\d+)', target: 'n', onNoMatch: 'keep' }).run({ ...record }).records, [record]);
    assert.deepEqual(extract({ field: 'ref', pattern: '(\\d+)', target: 'n', onNoMatch: 'error' }).run({ ...record }).reasons, [{ step: 'regexExtract', index: 0, field: 'ref', message: "'none' does not match /(\\d+)/" }]);
    assert.deepEqual(extract({ field: 'ref', pattern: '(\\d+)|x', target: 'n' }).run({ ref: 'x' }).records, [{ ref: 'x', n: null }], 'an unmatched group is null');
    const long = 'y'.repeat(100_000);
    assert.equal(extract({ field: 'ref', pattern: '(\\d+)', onNoMatch: 'error' }).run({ ref: long }).reasons[0].message, `'${'y'.repeat(40)}...' does not match /(\\d+)/`, 'a long value is shortened in the message');
  });

  test('a missing field is left alone, null stores null, other types fail the record', () => {
    assert.deepEqual(extract({ field: 'ref', pattern: '(\\d+)', target: 'n' }).run({}).records, [{}]);
    assert.deepEqual(extract({ field: 'ref', pattern: '(\\d+)', target: 'n' }).run({ ref: null }).records, [{ ref: null, n: null }]);
    assert.deepEqual(extract({ field: 'ref', pattern: '(\\d+)' }).run({ ref: 42 }).reasons, [{ step: 'regexExtract', index: 0, field: 'ref', message: 'expected a string, got 42' }]);
  });

  test('bad configs are refused when the pipeline compiles', () => {
    assert.throws(() => extract({ field: 'a', pattern: '(a)', group: 2 }), /\[0\] regexExtract\.group: group 2 does not exist: the pattern has 1 group/);
    assert.throws(() => extract({ field: 'a', pattern: '(a)', group: 'name' }), /the pattern has no group named 'name'/);
    assert.throws(() => extract({ field: 'a', pattern: '(x*)*' }), /\[0\] regexExtract\.pattern: .*repeats a group/);
    assert.throws(() => extract({ field: 'a', pattern: 'a', unknown: 1 }), /\[0\] regexExtract: /);
  });
});
