import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AvroSchemaError } from './avro-type';
import { CoercionTrail } from './coercion-trail';
import { compileAvroSchema } from './compile-avro-schema';

function coerce(schema: unknown, value: unknown): { value: unknown; errors: { field: string; message: string }[] } {
  const trail = new CoercionTrail();
  const out = compileAvroSchema(schema).coerce(value, trail);
  return { value: out, errors: trail.errors ?? [] };
}

const Line = {
  type: 'record',
  name: 'Line',
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'quantity', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
  ],
};
const Order = {
  type: 'record',
  name: 'Order',
  namespace: 'io.example',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['SALE', 'RETURN'] }, default: 'SALE' },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'at', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
    { name: 'paid', type: 'boolean', default: false },
    { name: 'lines', type: { type: 'array', items: Line } },
    { name: 'attrs', type: { type: 'map', values: 'int' }, default: {} },
  ],
};

describe('compileAvroSchema', () => {
  test('coerces a record in schema order: text to numbers, ISO text to dates, defaults for missing fields', () => {
    const { value, errors } = coerce(Order, { lines: [{ quantity: '2.005', sku: 'A' }], day: '2024-03-05', id: '17', extra: 'dropped', at: '2024-03-05T10:00:00Z' });
    assert.deepEqual(errors, []);
    assert.deepEqual(value, { id: 17, kind: 'SALE', day: 19_787, at: Date.UTC(2024, 2, 5, 10), paid: false, lines: [{ sku: 'A', quantity: 2.01, note: null, tags: [] }], attrs: {} });
    assert.deepEqual(Object.keys(value as object), ['id', 'kind', 'day', 'at', 'paid', 'lines', 'attrs']);
  });

  test('names every misfit by its path', () => {
    const { errors } = coerce(Order, { id: 'x', kind: 'GIFT', day: '2024-02-30', lines: [{ sku: 'A', quantity: 1 }, { quantity: 'lots' }], attrs: { a: 1, b: 'two' } });
    assert.deepEqual(errors, [
      { field: 'id', message: "expected long, got 'x'" },
      { field: 'kind', message: "expected one of SALE, RETURN, got 'GIFT'" },
      { field: 'day', message: "expected a date as 'iso', got '2024-02-30': day 30 is out of range: February 2024 has 29 days" },
      { field: 'lines[1].sku', message: 'missing required field (string)' },
      { field: 'lines[1].quantity', message: "expected decimal(10,2), got 'lots'" },
      { field: 'attrs.b', message: "expected int, got 'two'" },
    ]);
  });

  test('null in a required field, a wrong container and an overflowing decimal are misfits', () => {
    assert.deepEqual(coerce(Order, { id: null, day: 1, lines: 'none' }).errors, [
      { field: 'id', message: 'expected long, got null' },
      { field: 'lines', message: "expected an array, got 'none'" },
    ]);
    assert.deepEqual(coerce(Line, { sku: 'A', quantity: 123456789 }).errors, [{ field: 'quantity', message: '123456789 does not fit decimal(10,2): at most 8 digits before the point' }]);
    assert.deepEqual(coerce(Order, 'not a record').errors, [{ field: '', message: "expected record Order, got 'not a record'" }]);
  });

  test('unions pick the branch the value already fits, else the first that converts', () => {
    assert.deepEqual(coerce(['null', 'int', 'string'], 'x').value, 'x');
    assert.deepEqual(coerce(['null', 'int', 'string'], 5).value, 5);
    assert.deepEqual(coerce(['null', 'int', 'boolean'], 'yes').value, true);
    assert.deepEqual(coerce(['int', 'boolean'], 'maybe').errors, [{ field: '', message: "expected [int, boolean], got 'maybe'" }]);
    assert.deepEqual(coerce(['int', 'boolean'], null).errors, [{ field: '', message: 'expected [int, boolean], got null' }]);
  });

  test('named types can be referred to, recursively', () => {
    const Node = { type: 'record', name: 'Node', fields: [{ name: 'name', type: 'string' }, { name: 'children', type: { type: 'array', items: 'Node' }, default: [] }] };
    const { value, errors } = coerce(Node, { name: 'root', children: [{ name: 'leaf', children: [{ name: 7 }] }] });
    assert.deepEqual(errors, []);
    assert.deepEqual(value, { name: 'root', children: [{ name: 'leaf', children: [{ name: '7', children: [] }] }] });
  });

  test('logical types: time of day, micros, fixed and bytes', () => {
    assert.equal(coerce({ type: 'int', logicalType: 'time-millis' }, '13:45:10.5').value, 49_510_500);
    assert.equal(coerce({ type: 'long', logicalType: 'time-micros' }, '00:00:01').value, 1_000_000);
    assert.equal(coerce({ type: 'long', logicalType: 'timestamp-micros' }, '1970-01-01T00:00:01Z').value, 1_000_000);
    assert.deepEqual(coerce({ type: 'int', logicalType: 'time-millis' }, '25:00').errors, [{ field: '', message: "expected a time of day, got '25:00'" }]);
    assert.deepEqual(coerce({ type: 'fixed', name: 'F', size: 2 }, new Uint8Array(3)).errors[0].message, 'expected 2 bytes, got a record');
    assert.deepEqual(coerce('bytes', 'text').errors[0].message, "expected bytes, got 'text'");
    assert.equal(coerce({ type: 'string', logicalType: 'uuid' }, 'abc').value, 'abc', 'unknown logical types fall back to their base');
  });

  test('field names that exist on Object.prototype are read and written as own data', () => {
    const schema = { type: 'record', name: 'R', fields: [{ name: 'constructor', type: ['null', 'string'], default: null }, { name: '__proto__', type: ['null', 'string'], default: null }] };
    assert.equal(JSON.stringify(coerce(schema, {}).value), '{"constructor":null,"__proto__":null}');
    const { value } = coerce(schema, JSON.parse('{"constructor":"c","__proto__":"p"}'));
    assert.equal(JSON.stringify(value), '{"constructor":"c","__proto__":"p"}');
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });

  test('defaults are copied, so one record cannot change another', () => {
    const first = coerce(Line, { sku: 'A', quantity: 1 }).value as { tags: string[] };
    first.tags.push('changed');
    assert.deepEqual((coerce(Line, { sku: 'B', quantity: 1 }).value as { tags: string[] }).tags, []);
  });

  test('malformed schemas fail with the path of the fault', () => {
    const fault = (schema: unknown) => {
      try {
        compileAvroSchema(schema);
      } catch (e) {
        assert.ok(e instanceof AvroSchemaError);
        return [e.path, e.message];
      }
      assert.fail('compiled');
    };
    assert.deepEqual(fault({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'strnig' }] }), [['fields', 0, 'type'], "unknown type 'strnig'"]);
    assert.deepEqual(fault({ type: 'record', name: 'R' })[0], ['fields']);
    assert.deepEqual(fault({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }, { name: 'a', type: 'int' }] })[1], "field 'a' is defined twice");
    assert.deepEqual(fault({ type: 'record', name: 'R', fields: [{ name: 'bad-name', type: 'int' }] })[1], 'a field needs a valid name');
    assert.deepEqual(fault({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int', default: 'x' }] }), [['fields', 0, 'default'], "the default of 'a' does not fit its type: expected int, got 'x'"]);
    assert.deepEqual(fault({ type: 'enum', name: 'E', symbols: [] })[1], 'an enum needs a list of symbol names');
    assert.deepEqual(fault([])[1], 'a union needs at least one branch');
    assert.deepEqual(fault(['null', ['int']])[1], 'a union cannot contain a union');
    assert.deepEqual(fault(42)[1], 'expected a type name, a type object or a union list, got 42');
    assert.deepEqual(fault({ type: 'fixed', name: 'F' })[1], 'a fixed needs a size');
    assert.deepEqual(fault({ type: 'record', name: 'R', fields: [{ name: 'a', type: { type: 'enum', name: 'R', symbols: ['A'] } }] })[1], "type 'R' is defined twice");
  });

  test("the platform's TaxOrder schema compiles", () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'schemas', 'tax-order.avsc'), 'utf8'));
    assert.equal(compileAvroSchema(schema).fieldType, 'record');
  });
});
