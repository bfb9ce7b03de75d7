import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { retryDelayMs, retryScheduleOf } from './retry-schedule';

describe('retry schedule', () => {
  const exact = retryScheduleOf({ initialDelayMs: 1000, multiplier: 2, maxDelayMs: 5000, jitter: false });

  test('doubles the wait after each failed try, up to the cap', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, exact)), [1000, 2000, 4000, 5000, 5000]);
  });

  test('with jitter the wait lies between half the delay and the delay', () => {
    const jittered = { ...exact, jitter: true };
    assert.equal(retryDelayMs(3, jittered, () => 0), 2000);
    assert.equal(retryDelayMs(3, jittered, () => 1), 4000);
  });

  test('bad settings fail when the schedule is made, naming the field', () => {
    assert.throws(() => retryScheduleOf({ maxAttempts: 0 }), /retry\.maxAttempts must be an integer from 1, got 0/);
    assert.throws(() => retryScheduleOf({ multiplier: 0.5 }), /retry\.multiplier must be a number from 1/);
    assert.throws(() => retryScheduleOf({ initialDelayMs: 10_000, maxDelayMs: 1000 }), /retry\.maxDelayMs must be at least initialDelayMs/);
    assert.throws(() => retryDelayMs(0, exact), /attempt counts from 1/);
  });
});
