import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DistinctCounter } from './distinct-counter';

describe('DistinctCounter', () => {
  test('below the exact limit it counts distinct values exactly', () => {
    const counter = new DistinctCounter();
    for (const value of ['a', 'b', 'a', 'c', 'b', 'a']) counter.add(value);
    assert.equal(counter.count, 3);
    assert.equal(counter.isExact, true);
  });

  test('past the exact limit it estimates within 3% of the true count', () => {
    const counter = new DistinctCounter(1_000);
    for (let i = 0; i < 200_000; i++) counter.add(`order-${i % 150_000}`);
    assert.equal(counter.isExact, false);
    const error = Math.abs(counter.count - 150_000) / 150_000;
    assert.ok(error < 0.03, `estimate ${counter.count}, error ${(error * 100).toFixed(2)}%`);
  });

  test('the estimate stays close right after folding the exact set into the sketch', () => {
    const counter = new DistinctCounter(2_000);
    for (let i = 0; i < 2_500; i++) counter.add(`k${i}`);
    assert.ok(Math.abs(counter.count - 2_500) < 75, `estimate ${counter.count}`);
  });
});
