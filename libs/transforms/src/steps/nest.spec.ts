import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { fieldSetOf } from '../field-set';

const nest = (config: Record<string, unknown> = {}) => compileTransform([{ nest: config }]);

describe('nest', () => {
  test('turns separated top-level keys into nested records, the inverse of flatten', () => {
    assert.deepEqual(nest().run({ id: 1, 'shipTo.country': 'DE', 'shipTo.geo.lat': 52 }).records, [{ id: 1, shipTo: { country: 'DE', geo: { lat: 52 } } }]);
    const record = { id: 1, shipTo: { country: 'DE', geo: { lat: 52 } } };
    const there = compileTransform([{ flatten: { separator: '_' } }, { nest: { separator: '_' } }]).run(structuredClone(record));
    assert.deepEqual(there.records, [record]);
  });

  test('keys with an empty part are kept as they are', () => {
    assert.deepEqual(nest().run({ '.hidden': 1, 'a..b': 2, 'end.': 3 }).records, [{ '.hidden': 1, 'a..b': 2, 'end.': 3 }]);
  });

  test('a key that is both a value and a parent fails the record', () => {
    assert.deepEqual(nest().run({ a: 1, 'a.b': 2 }).reasons, [{ step: 'nest', index: 0, field: 'a.b', message: "'a' is both a value and a parent of 'a.b'" }]);
    assert.deepEqual(nest().run({ 'a.b': 2, a: 1 }).reasons, [{ step: 'nest', index: 0, field: 'a', message: "'a' is both a value and a parent of nested keys" }]);
    assert.deepEqual(nest().run({ a: { b: 1 }, 'a.c': 2 }).reasons[0].message, "'a' is both a value and a parent of 'a.c'");
  });

  test('keys named like prototype members become data, never prototypes', () => {
    const out = nest().run(JSON.parse('{"__proto__.polluted": 1, "constructor.x": 2}')).records[0];
    assert.equal(JSON.stringify(out), '{"__proto__":{"polluted":1},"constructor":{"x":2}}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('the output fields are nested the same way', () => {
    const { fields } = nest({ separator: '_' }).outputFields(fieldSetOf({ shipTo_country: 'string', id: 'long' }));
    assert.deepEqual(fields.entries(), [['shipTo', 'record'], ['shipTo.country', 'string'], ['id', 'long']]);
  });
});
