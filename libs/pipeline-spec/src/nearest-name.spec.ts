import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editDistance, nearestName } from './nearest-name';

describe('nearestName', () => {
  test('suggests the key a typo was meant to be', () => {
    const keys = ['apiVersion', 'kind', 'metadata', 'source', 'transform', 'validate', 'sinks', 'settings'];
    assert.equal(nearestName('tranform', keys), 'transform');
    assert.equal(nearestName('sink', keys), 'sinks');
    assert.equal(nearestName('Metadata', keys), 'metadata');
  });

  test('suggests nothing when no candidate is close', () => {
    assert.equal(nearestName('zzzzzz', ['transform', 'source']), undefined);
    assert.equal(nearestName('x', []), undefined);
  });
});

describe('editDistance', () => {
  test('counts single-letter edits', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });

  test('is a metric: symmetric, zero only for equal strings, and obeys the triangle inequality', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b, c) => {
        assert.equal(editDistance(a, b), editDistance(b, a));
        assert.equal(editDistance(a, b) === 0, a === b);
        assert.ok(editDistance(a, c) <= editDistance(a, b) + editDistance(b, c));
      }),
    );
  });
});
