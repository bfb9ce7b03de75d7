import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileRules } from '../compile-rules';

const check = (config: unknown, record: Record<string, unknown>) => compileRules([{ notNull: config }]).check(record);

describe('notNull', () => {
  test('a record with every listed field present passes', () => {
    assert.deepEqual(check(['orderId', 'shipTo.country'], { orderId: 'SO-1', shipTo: { country: 'US' } }), []);
  });

  test('missing, null and blank values each fail with what they were', () => {
    const reasons = check(['orderId', 'customerId', 'currency', 'shipTo.country'], { orderId: null, currency: '  ', shipTo: 'oops' });
    assert.deepEqual(
      reasons.map((r) => [r.field, r.message]),
      [
        ['orderId', 'orderId is null'],
        ['customerId', 'customerId is missing'],
        ['currency', 'currency is blank'],
        ['shipTo.country', 'shipTo.country is missing'],
      ],
    );
    assert.ok(reasons.every((r) => r.rule === 'notNull' && r.index === 0));
  });

  test('blankIsValue counts empty text as present', () => {
    assert.deepEqual(check({ fields: ['note'], blankIsValue: true }, { note: '' }), []);
  });

  test('a wildcard path checks every array element and names the failing one', () => {
    const reasons = check(['lines[*].sku'], { lines: [{ sku: 'A' }, { sku: '' }, {}] });
    assert.deepEqual(reasons.map((r) => r.field), ['lines[1].sku', 'lines[2].sku']);
  });

  test('zero, false and empty lists are values, not nulls', () => {
    assert.deepEqual(check(['qty', 'flag', 'lines'], { qty: 0, flag: false, lines: [] }), []);
  });

  test('bad configs are refused: an empty list, a non-list, a malformed path', () => {
    assert.throws(() => check([], {}), /validate has 1 problem/);
    assert.throws(() => check('orderId', {}), /notNull/);
    assert.throws(() => check(['lines[*'], {}), (e: Error & { problems?: { path: unknown[] }[] }) => e.problems![0].path.join('.') === 'notNull.0');
  });

  test('any record either passes or names exactly the fields that are absent', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(fc.constant(null), fc.constant(''), fc.integer(), fc.string({ minLength: 1 }))), (record) => {
        const missing = ['a', 'b', 'c'].filter((k) => record[k] === undefined || record[k] === null || (typeof record[k] === 'string' && (record[k] as string).trim() === ''));
        assert.deepEqual(check(['a', 'b', 'c'], record).map((r) => r.field), missing);
      }),
    );
  });
});
