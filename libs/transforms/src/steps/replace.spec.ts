import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';

const replace = (config: Record<string, unknown>) => compileTransform([{ replace: config }]);

describe('replace', () => {
  test('replaces every occurrence of literal text, regex characters included', () => {
    assert.deepEqual(replace({ field: 'sku', find: '.', with: '-' }).run({ sku: 'a.b.c' }).records, [{ sku: 'a-b-c' }]);
  });

  test('replaces every regex match, with group references, at wildcard paths', () => {
    const record = { lines: [{ unitPrice: '$1,234.50' }, { unitPrice: '€ 45.00' }], phone: '(030) 123-45' };
    const out = compileTransform([
      { replace: { field: ['lines[*].unitPrice'], pattern: '[$€£\\s]', with: '' } },
      { replace: { field: 'phone', pattern: '\\((\\d+)\\)\\s*', with: '+49 $1 ' } },
    ]).run(record).records[0];
    assert.deepEqual(out, { lines: [{ unitPrice: '1,234.50' }, { unitPrice: '45.00' }], phone: '+49 030 123-45' });
    assert.deepEqual(replace({ field: 'x', pattern: 'a', flags: 'i', with: 'b' }).run({ x: 'AaA' }).records, [{ x: 'bbb' }]);
  });

  test('null and missing values stay; other non-strings fail the record', () => {
    assert.deepEqual(replace({ field: ['a', 'b'], find: 'x', with: 'y' }).run({ a: null }).records, [{ a: null }]);
    assert.deepEqual(replace({ field: 'a', find: 'x', with: 'y' }).run({ a: 12 }).reasons, [{ step: 'replace', index: 0, field: 'a', message: 'expected a string, got 12' }]);
  });

  test('bad configs are refused when the pipeline compiles', () => {
    assert.throws(() => replace({ field: 'a', with: '' }), /give exactly one of find \(literal text\) or pattern \(regex\)/);
    assert.throws(() => replace({ field: 'a', find: 'x', pattern: 'y', with: '' }), /\[0\] replace\.pattern: give exactly one/);
    assert.throws(() => replace({ field: 'a', find: 'x', flags: 'i', with: '' }), /\[0\] replace\.flags: flags apply to pattern only/);
    assert.throws(() => replace({ field: 'a', pattern: '(a+)+', with: '' }), /\[0\] replace\.pattern: regex \/\(a\+\)\+\/ repeats a group/);
    assert.throws(() => replace({ field: 'a', pattern: '[', with: '' }), /\[0\] replace\.pattern: invalid regex/);
    assert.throws(() => replace({ field: 'a', pattern: 'x', flags: 'g', with: '' }), /\[0\] replace\.flags: /);
    assert.throws(() => replace({ field: 'a', find: 'x' }), /\[0\] replace\.with: /);
  });
});
