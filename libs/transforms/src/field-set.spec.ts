import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldSetFromAvro } from './avro/avro-field-set';
import { fieldSetOf, openFieldSet } from './field-set';

describe('FieldSet', () => {
  const order = fieldSetOf({ orderId: 'string', 'shipTo.country': 'string', 'lines[].sku': 'string', attrs: 'map', payload: 'unknown' });

  test('lists fields with their parents, which are added as records and arrays', () => {
    assert.deepEqual(order.entries(), [
      ['orderId', 'string'],
      ['shipTo', 'record'],
      ['shipTo.country', 'string'],
      ['lines', 'array'],
      ['lines[]', 'record'],
      ['lines[].sku', 'string'],
      ['attrs', 'map'],
      ['payload', 'unknown'],
    ]);
  });

  test('has() finds listed fields, by any spelling of an index, and fields under undescribed contents', () => {
    assert.equal(order.has('shipTo.country'), true);
    assert.equal(order.has('lines[3].sku'), true);
    assert.equal(order.has('lines[*].sku'), true);
    assert.equal(order.has('attrs.anything'), true);
    assert.equal(order.has('payload.deep.field'), true);
    assert.equal(order.has('shipTo.city'), false);
    assert.equal(order.has('total'), false);
    assert.equal(order.has('lines[].price'), false);
    assert.equal(order.has('not a [path'), false);
    assert.equal(order.typeOf('attrs.x'), 'unknown');
  });

  test('an open set lets every read pass', () => {
    assert.equal(openFieldSet().has('anything.at.all'), true);
    assert.equal(order.withOpen(true).has('total'), true);
  });

  test('with, without and renamed return new sets and leave the old one alone', () => {
    const changed = order.with('shipTo', 'string').without('orderId').renamed('lines', 'items').with('customer.name', 'string');
    assert.deepEqual(changed.entries(), [
      ['attrs', 'map'],
      ['payload', 'unknown'],
      ['shipTo', 'string'],
      ['items', 'array'],
      ['items[]', 'record'],
      ['items[].sku', 'string'],
      ['customer', 'record'],
      ['customer.name', 'string'],
    ]);
    assert.equal(order.has('orderId'), true);
    assert.equal(order.renamed('nope', 'x'), order);
  });

  test('the fields of an Avro schema, nested records and arrays included, recursive ones left open', () => {
    const fields = fieldSetFromAvro({
      type: 'record',
      name: 'Tree',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        { name: 'children', type: { type: 'array', items: 'Tree' } },
        { name: 'note', type: ['null', 'string'] },
      ],
    });
    assert.deepEqual(fields.entries(), [
      ['id', 'long'],
      ['day', 'date'],
      ['tags', 'array'],
      ['tags[]', 'string'],
      ['children', 'array'],
      ['children[]', 'unknown'],
      ['note', 'string'],
    ]);
    assert.equal(fields.has('children[0].anything'), true);
  });
});
