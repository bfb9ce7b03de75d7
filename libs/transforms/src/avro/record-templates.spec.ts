import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileAvroSchema } from './compile-avro-schema';
import { CoercionTrail } from './coercion-trail';
import { recordTemplate } from './record-templates';

describe('recordTemplate', () => {
  test('makes a fresh record each time, with the keys in order and __proto__ as plain data', () => {
    const make = recordTemplate(['b', 'a', '__proto__', 'constructor'])!;
    const first = make();
    const second = make();
    assert.notEqual(first, second);
    assert.deepEqual(Object.keys(first), ['b', 'a', '__proto__', 'constructor']);
    assert.equal(Object.getPrototypeOf(first), Object.prototype);
    first.a = 1;
    assert.equal(second.a, null);
  });

  test('record types past the pool of clone sites still get their fields in schema order', () => {
    for (let i = 0; i < 40; i++) {
      const type = compileAvroSchema({ type: 'record', name: `R${i}`, fields: [{ name: 'z', type: 'int' }, { name: 'a', type: ['null', 'string'], default: null }] });
      const out = type.coerce({ a: 'x', z: '7', extra: true }, new CoercionTrail());
      assert.equal(JSON.stringify(out), '{"z":7,"a":"x"}', `record type ${i}`);
    }
    assert.equal(recordTemplate(['a']), undefined, 'the pool is used up');
  });
});
