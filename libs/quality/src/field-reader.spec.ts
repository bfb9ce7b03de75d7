import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldReader } from './field-reader';
import { RuleConfigError } from './rule-config-error';

const order = { orderId: 'SO-1', shipTo: { country: 'US' }, lines: [{ sku: 'A' }, {}, { sku: null }] };

describe('fieldReader', () => {
  test('a plain path gives its one value, or undefined when anything along it is missing', () => {
    assert.deepEqual(fieldReader('shipTo.country', []).values(order), ['US']);
    assert.deepEqual(fieldReader('shipFrom.country', []).values(order), [undefined]);
    assert.deepEqual(fieldReader('lines[0].sku', []).values(order), ['A']);
  });

  test('a plain path reads its one value directly too; a wildcard path has no direct read', () => {
    for (const path of ['shipTo.country', 'shipFrom.country', 'lines[0].sku', 'orderId', 'constructor', 'lines']) {
      const reader = fieldReader(path, []);
      for (const record of [order, {}, { constructor: 'own' }, null]) assert.equal(reader.read!(record), reader.values(record)[0], path);
    }
    assert.equal(fieldReader('lines[*].sku', []).read, undefined);
  });

  test('a wildcard path gives one value per element, missing leaves included', () => {
    const reader = fieldReader('lines[*].sku', []);
    assert.deepEqual(reader.values(order), ['A', undefined, null]);
    assert.equal(reader.labelOf(order, 1), 'lines[1].sku');
    assert.equal(reader.normalized, 'lines[].sku');
  });

  test('a missing array reads as one missing value, an empty one as none', () => {
    assert.deepEqual(fieldReader('items[*].sku', []).values(order), [undefined]);
    assert.deepEqual(fieldReader('lines[*].sku', []).values({ lines: [] }), []);
  });

  test('prototype members and functions are never read', () => {
    assert.deepEqual(fieldReader('constructor', []).values({}), [undefined]);
    assert.deepEqual(fieldReader('toString', []).values({}), [undefined]);
    assert.deepEqual(fieldReader('f', []).values({ f: () => 1 }), [undefined]);
    assert.deepEqual(fieldReader('constructor', []).values({ constructor: 'own' }), ['own']);
  });

  test('a malformed path is a config error that points into the path', () => {
    assert.throws(
      () => fieldReader('lines[x', ['range', 'field']),
      (e: unknown) => e instanceof RuleConfigError && e.path.join('.') === 'range.field' && e.position === 6,
    );
  });
});
