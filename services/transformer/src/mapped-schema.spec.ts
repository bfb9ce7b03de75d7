import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAvroSchema } from '@tributary/avro';
import { fieldSetOf } from '@tributary/transforms';
import { MappedSchemaError, mappedSchemaOf } from './mapped-schema';

describe('the mapped schema made from the fields a transform produces', () => {
  test('nests records and arrays, makes every field optional, carries decimals and computed values as text', () => {
    const schema = mappedSchemaOf(
      fieldSetOf({ orderId: 'string', total: 'decimal', placed: 'timestamp', day: 'date', score: 'unknown', 'shipTo.country': 'string', 'lines[].qty': 'int' }),
      'orders_mapped',
    );
    const type = parseAvroSchema(schema);
    const value = { orderId: 'A', total: '1.50', placed: new Date(0), day: '2024-03-05', score: '7', shipTo: { country: 'US' }, lines: [{ qty: 2 }, null] };
    const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
    assert.deepEqual(plain(type.fromBuffer(type.toBuffer(value))), plain(value));
    assert.deepEqual(plain(type.fromBuffer(type.toBuffer({}))), { orderId: null, total: null, placed: null, day: null, score: null, shipTo: null, lines: null });
  });

  test('a name Avro cannot carry, or a record whose fields are unknown, names the field', () => {
    assert.throws(() => mappedSchemaOf(fieldSetOf({ 'Inv Date': 'string' }), 'm'), (e: unknown) => e instanceof MappedSchemaError && e.field === 'Inv Date' && /mapToSchema/.test(e.message));
    assert.throws(() => mappedSchemaOf(fieldSetOf({ attrs: 'map' }), 'm'), (e: unknown) => e instanceof MappedSchemaError && e.field === 'attrs');
  });
});
