import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName } from './closest-name';

describe('closestName', () => {
  const names = ['rename', 'select', 'regexExtract', 'mapToSchema'];

  test('suggests the candidate within typo distance, ignoring case', () => {
    assert.equal(closestName('renmae', names), 'rename');
    assert.equal(closestName('maptoschema', names), 'mapToSchema');
    assert.equal(closestName('regexextrakt', names), 'regexExtract');
  });

  test('suggests nothing when no candidate is close', () => {
    assert.equal(closestName('frobnicate', names), undefined);
    assert.equal(closestName('x'.repeat(1_000_000), names), undefined);
  });
});
