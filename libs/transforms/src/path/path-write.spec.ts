import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFieldPath } from './field-path';
import { compileDeleter, compileSetter, compileUpdater } from './path-write';

const path = parseFieldPath;

describe('compileSetter', () => {
  test('sets a top-level key, a nested key and an index, creating missing parents', () => {
    const record: Record<string, unknown> = {};
    assert.equal(compileSetter(path('a'))(record, 1), undefined);
    assert.equal(compileSetter(path('customer.name'))(record, 'Ada'), undefined);
    assert.equal(compileSetter(path('customer.exemption.id'))(record, 'EX-1'), undefined);
    assert.equal(compileSetter(path('lines[0].sku'))(record, 'A'), undefined);
    assert.equal(compileSetter(path('m[0][0]'))(record, 'deep'), undefined);
    assert.deepEqual(record, { a: 1, customer: { name: 'Ada', exemption: { id: 'EX-1' } }, lines: [{ sku: 'A' }], m: [['deep']] });
  });

  test('replaces a null parent but refuses to overwrite a value that is not a container', () => {
    const record: Record<string, unknown> = { customer: null, name: 'x', lines: [] };
    assert.equal(compileSetter(path('customer.name'))(record, 'Ada'), undefined);
    assert.deepEqual(record.customer, { name: 'Ada' });
    assert.equal(compileSetter(path('name.first'))(record, 'Ada'), 'cannot set name.first: its parent is a string');
    assert.equal(compileSetter(path('name.first.x'))(record, 'Ada'), 'cannot set name.first.x: its parent is a string');
    assert.equal(compileSetter(path('lines.sku'))(record, 'A'), 'cannot set lines.sku: its parent is an array');
    assert.equal(compileSetter(path('customer[0]'))(record, 'A'), 'cannot set customer[0]: its parent is a object');
    assert.equal(compileSetter(path('lines[5]'))(record, 'A'), 'cannot set lines[5]: index 5 is past the end (length 0)');
    assert.equal(record.name, 'x');
  });

  test('writing __proto__ stores data and leaves the prototype alone', () => {
    const record: Record<string, unknown> = {};
    compileSetter(path('__proto__'))(record, { polluted: true });
    compileSetter(path('__proto__.x'))(record, 1);
    compileSetter(path('a.__proto__'))(record, { polluted: true });
    assert.equal(Object.getPrototypeOf(record), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(JSON.stringify(record), '{"__proto__":{"polluted":true,"x":1},"a":{"__proto__":{"polluted":true}}}');
  });

  test('a wildcard cannot be written to', () => {
    assert.throws(() => compileSetter(path('lines[*].sku')), /cannot write through a wildcard/);
  });
});

describe('compileUpdater', () => {
  test('updates every match of a wildcard path and skips missing locations', () => {
    const record = { lines: [{ sku: ' a ' }, { note: 'x' }, { sku: ' b' }], name: ' n ' };
    const trim = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
    compileUpdater(path('lines[*].sku'))(record, trim);
    compileUpdater(path('name'))(record, trim);
    compileUpdater(path('missing.x'))(record, trim);
    compileUpdater(path('lines[7].sku'))(record, trim);
    assert.deepEqual(record, { lines: [{ sku: 'a' }, { note: 'x' }, { sku: 'b' }], name: 'n' });
  });

  test('updates array elements by index and by wildcard', () => {
    const record = { tags: ['a', 'b'], grid: [[1, 2], [3]] };
    compileUpdater(path('tags[1]'))(record, (v) => `${String(v)}!`);
    compileUpdater(path('grid[*][*]'))(record, (v) => (v as number) * 10);
    assert.deepEqual(record, { tags: ['a', 'b!'], grid: [[10, 20], [30]] });
  });

  test('an update that turns 0 into -0 is stored, on every kind of path', () => {
    const negate = (v: unknown) => (typeof v === 'number' ? -v : v);
    const record = { a: 0, b: { c: 0 }, lines: [{ x: 0, d: [{ y: 0 }] }], m: [{ z: 0 }], constructor: 0 };
    for (const p of ['a', 'b.c', 'lines[*].x', 'lines[*].d[*].y', 'm[0].z', 'constructor']) compileUpdater(path(p))(record, negate);
    assert.deepEqual(record, { a: -0, b: { c: -0 }, lines: [{ x: -0, d: [{ y: -0 }] }], m: [{ z: -0 }], constructor: -0 });
  });

  test('does not create a key that is missing, nor touch inherited members', () => {
    const record: Record<string, unknown> = {};
    let calls = 0;
    const count = (v: unknown) => (calls++, v);
    compileUpdater(path('constructor'))(record, count);
    compileUpdater(path('a'))(record, count);
    assert.equal(calls, 0);
    assert.deepEqual(Object.keys(record), []);
  });
});

describe('compileDeleter', () => {
  test('removes keys, elements and whole wildcard matches; a removed key reads as absent', () => {
    const record: Record<string, unknown> = { a: 1, b: { c: 2, d: 3 }, lines: [{ sku: 'A', cost: 1 }, { sku: 'B', cost: 2 }], tags: ['x', 'y', 'z'], all: [1, 2] };
    compileDeleter(path('a'))(record);
    compileDeleter(path('b.c'))(record);
    compileDeleter(path('lines[*].cost'))(record);
    compileDeleter(path('tags[1]'))(record);
    compileDeleter(path('all[*]'))(record);
    compileDeleter(path('missing.x'))(record);
    assert.equal(JSON.stringify(record), '{"b":{"d":3},"lines":[{"sku":"A"},{"sku":"B"}],"tags":["x","z"],"all":[]}');
  });

  test('does not create an own key for an inherited name', () => {
    const record: Record<string, unknown> = {};
    compileDeleter(path('constructor'))(record);
    assert.deepEqual(Object.getOwnPropertyNames(record), []);
  });
});
