import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deepCopy } from './deep-copy';

describe('deepCopy', () => {
  test('copies plain objects and arrays at every level and shares nothing mutable', () => {
    const original = { a: [1, { b: 2 }], c: { d: 'x' } };
    const copy = deepCopy(original);
    assert.deepEqual(copy, original);
    assert.notEqual(copy.a, original.a);
    assert.notEqual(copy.a[1], original.a[1]);
    assert.notEqual(copy.c, original.c);
  });

  test('drops absent (undefined) keys, keeps __proto__ as data, and shares immutable objects', () => {
    const bytes = new Uint8Array([1]);
    const copy = deepCopy(JSON.parse('{"__proto__": {"x": 1}, "gone": null}') as Record<string, unknown>);
    assert.equal(JSON.stringify(copy), '{"__proto__":{"x":1},"gone":null}');
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.deepEqual(Object.keys(deepCopy({ a: 1, b: undefined })), ['a']);
    assert.equal(deepCopy({ bytes }).bytes, bytes);
    assert.equal(deepCopy(7), 7);
  });
});
