import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalAvroSchema, compactAvroSchema, schemaIdentity } from './canonical-avro-schema';

describe('canonical Avro schema', () => {
  test('whitespace, key order and a bare {"type": primitive} do not make a different schema', () => {
    const a = '{"type":"record","name":"User","fields":[{"name":"id","type":"long"}]}';
    const b = `{
      "fields": [ { "type": { "type": "long" }, "name": "id" } ],
      "name": "User", "type": "record"
    }`;
    assert.equal(canonicalAvroSchema(a), canonicalAvroSchema(b));
  });

  test('a namespace written apart or inside the name is the same full name, and nested names inherit it', () => {
    const split = { type: 'record', name: 'Order', namespace: 'io.t', fields: [{ name: 'a', type: { type: 'record', name: 'Addr', fields: [] } }, { name: 'b', type: 'Addr' }] };
    const full = { type: 'record', name: 'io.t.Order', fields: [{ name: 'a', type: { type: 'record', name: 'io.t.Addr', fields: [] } }, { name: 'b', type: 'io.t.Addr' }] };
    assert.equal(canonicalAvroSchema(JSON.stringify(split)), canonicalAvroSchema(JSON.stringify(full)));
    assert.match(canonicalAvroSchema(JSON.stringify(split)), /"type":"io.t.Addr"/);
  });

  test('docs, defaults, field order and logical types do make a different schema', () => {
    const base = { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'string' }] };
    const variants = [
      { ...base, doc: 'a record' },
      { ...base, fields: [{ name: 'a', type: 'int', default: 1 }, base.fields[1]] },
      { ...base, fields: [base.fields[1], base.fields[0]] },
      { ...base, fields: [{ name: 'a', type: { type: 'int', logicalType: 'date' } }, base.fields[1]] },
    ];
    const forms = new Set([base, ...variants].map((s) => canonicalAvroSchema(JSON.stringify(s))));
    assert.equal(forms.size, variants.length + 1);
  });

  test('references are part of the identity, and text that is not JSON is refused', () => {
    const text = '"string"';
    assert.notEqual(schemaIdentity('AVRO', text, []), schemaIdentity('AVRO', text, [{ name: 'x', subject: 's', version: 1 }]));
    assert.throws(() => canonicalAvroSchema('{"type":'), SyntaxError);
  });
});

describe('compact Avro schema (as stored)', () => {
  test('keeps the client\'s key order and attributes, drops whitespace, and writes a bare {"type": primitive} as the primitive', () => {
    assert.equal(compactAvroSchema('{"type": "string"}'), '"string"');
    assert.equal(
      compactAvroSchema('{ "type": "record", "name": "R", "x-owner": "tax", "fields": [ { "name": "a", "type": {"type": "long"}, "doc": "d" }, { "name": "b", "type": {"type": "array", "items": {"type": "int"}} } ] }'),
      '{"type":"record","name":"R","x-owner":"tax","fields":[{"name":"a","type":"long","doc":"d"},{"name":"b","type":{"type":"array","items":"int"}}]}',
    );
    assert.equal(compactAvroSchema('{"type":"int","logicalType":"date"}'), '{"type":"int","logicalType":"date"}');
  });
});
