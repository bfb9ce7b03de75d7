import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FieldPathError, formatSegments, parseFieldPath } from './field-path';

describe('parseFieldPath', () => {
  test('dotted keys, indexes, wildcards and quoted keys become segments', () => {
    assert.deepEqual(parseFieldPath('shipTo.country').segments, [
      { kind: 'key', key: 'shipTo' },
      { kind: 'key', key: 'country' },
    ]);
    assert.deepEqual(parseFieldPath('lines[0].sku').segments, [{ kind: 'key', key: 'lines' }, { kind: 'index', index: 0 }, { kind: 'key', key: 'sku' }]);
    assert.deepEqual(parseFieldPath("attrs['odd.key']").segments, [{ kind: 'key', key: 'attrs' }, { kind: 'key', key: 'odd.key' }]);
    assert.equal(parseFieldPath('lines[*].discounts[*].amount').hasWildcard, true);
  });

  test('keys may hold spaces and punctuation, as ERP column names do', () => {
    assert.deepEqual(parseFieldPath('Inv Date').segments, [{ kind: 'key', key: 'Inv Date' }]);
    assert.deepEqual(parseFieldPath('Cust#').segments, [{ kind: 'key', key: 'Cust#' }]);
    assert.equal(parseFieldPath('VAT/Tax ID').normalized, '["VAT/Tax ID"]');
  });

  test('the normalized form writes every index and wildcard as [] and reads back the same', () => {
    assert.equal(parseFieldPath('lines[3].sku').normalized, 'lines[].sku');
    assert.equal(parseFieldPath('lines[*].sku').normalized, 'lines[].sku');
    assert.equal(parseFieldPath('lines[].sku').normalized, 'lines[].sku');
    assert.equal(parseFieldPath('lines[].sku').hasWildcard, true);
    assert.equal(parseFieldPath('a["b.c"]').normalized, 'a["b.c"]');
  });

  test('malformed paths fail with the offset of the fault', () => {
    const fault = (text: string) => {
      try {
        parseFieldPath(text);
      } catch (e) {
        assert.ok(e instanceof FieldPathError);
        return [e.position, e.message];
      }
      assert.fail(`'${text}' parsed`);
    };
    assert.deepEqual(fault(''), [0, 'empty field path']);
    assert.deepEqual(fault('a..b')[0], 2);
    assert.deepEqual(fault('a.')[0], 2);
    assert.deepEqual(fault('a[x]')[0], 2);
    assert.deepEqual(fault('a[1')[0], 3);
    assert.deepEqual(fault("a['b")[0], 2);
    assert.deepEqual(fault("a['']")[0], 2);
    assert.deepEqual(fault('a[1234567890]')[0], 2);
    assert.deepEqual(fault('a]b')[0], 1);
    assert.deepEqual(fault('a[0]b')[0], 4);
  });

  test('any path of keys (but one holding both quotes), indexes and wildcards survives formatting and parsing again', () => {
    const segment = fc.oneof(
      fc.string({ minLength: 1, maxLength: 8 }).map((key) => ({ kind: 'key' as const, key })),
      fc.nat({ max: 99 }).map((index) => ({ kind: 'index' as const, index })),
      fc.constant({ kind: 'all' as const }),
    );
    fc.assert(
      fc.property(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }).map((key) => ({ kind: 'key' as const, key })), fc.array(segment, { maxLength: 5 })), ([first, rest]) => {
        const segments = [first, ...rest];
        fc.pre(segments.every((s) => s.kind !== 'key' || !(s.key.includes('"') && s.key.includes("'"))));
        assert.deepEqual(parseFieldPath(formatSegments(segments)).segments, segments);
      }),
    );
  });
});
