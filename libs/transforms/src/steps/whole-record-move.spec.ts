import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileTransform } from '../compile-transform';
import type { DataRecord } from '../types';

const rename = (config: Record<string, string>, record: DataRecord) => compileTransform([{ rename: config }]).run(record);

describe('rename of every field of a record', () => {
  test('gives a new record holding only the targets, in the order they were placed', () => {
    const input = { ORD_NO: 'SO-1', 'Cust#': 'C1', CURR: 'usd' };
    const { records } = rename({ ORD_NO: 'orderId', 'Cust#': 'customer.customerId', CURR: 'currency' }, input);
    assert.equal(JSON.stringify(records[0]), '{"orderId":"SO-1","customer":{"customerId":"C1"},"currency":"usd"}');
    assert.deepEqual(Object.keys(records[0]), ['orderId', 'customer', 'currency']);
  });

  test('a record that is not a plain object (an Avro decoder class instance) is moved in place and keeps its class', () => {
    class Decoded {
      constructor(public ORD_NO: unknown) {}
    }
    const input = new Decoded('SO-1') as unknown as DataRecord;
    const { records } = rename({ ORD_NO: 'orderId' }, input);
    assert.equal(records[0], input);
    assert.ok(records[0] instanceof Decoded);
    assert.equal(JSON.stringify(records[0]), '{"orderId":"SO-1"}');
  });

  test('leaves any record as moving the fields in place does: keys, order, values and failures', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'x y');
    const path = fc.array(key, { minLength: 1, maxLength: 2 }).map((keys) => keys.join('.'));
    const value = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 2 }), fc.record({ n: fc.integer() }), fc.constant(() => 1));
    // one level deep is all these records have; functions are kept as they are
    const copy = (record: DataRecord) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'object' && v !== null ? { ...v } : v]));
    fc.assert(
      fc.property(fc.dictionary(key, path, { minKeys: 1, maxKeys: 5 }), fc.dictionary(key, value, { maxKeys: 5 }), (config, record) => {
        const together = rename(config, copy(record));
        // an absent key the rename does not move keeps the record from being replaced
        const inPlace = rename(config, { ...copy(record), 'not moved': undefined });
        assert.deepEqual(together.reasons, inPlace.reasons);
        assert.equal(JSON.stringify(together.records), JSON.stringify(inPlace.records));
      }),
      { numRuns: 2000 },
    );
  });
});
