import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { avroFieldNames, avroName } from './avro-names';

describe('avroName', () => {
  test('keeps valid names and repairs the rest', () => {
    assert.equal(avroName('order_id'), 'order_id');
    assert.equal(avroName('Inv Date'), 'Inv_Date');
    assert.equal(avroName('order-id'), 'order_id');
    assert.equal(avroName('2nd'), '_2nd');
    assert.equal(avroName(''), '_');
    assert.equal(avroName('é'), '_');
  });
});

describe('avroFieldNames', () => {
  test('makes names unique without renaming a name that was already valid', () => {
    assert.deepEqual(avroFieldNames(['a b', 'a_b', 'a-b']), ['a_b_2', 'a_b', 'a_b_3']);
  });

  test('gives duplicate source names (CSV headers) numbered names', () => {
    assert.deepEqual(avroFieldNames(['id', 'id', 'name']), ['id', 'id_2', 'name']);
  });
});
