import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeyWindow } from './key-window';

describe('KeyWindow', () => {
  test('a key seen again inside the window is a duplicate, and after the window it is not', () => {
    const window = new KeyWindow(1000);
    assert.equal(window.seen('a', 0), false);
    assert.equal(window.seen('a', 999), true);
    // the sighting at 999 restarts the window
    assert.equal(window.seen('a', 1998), true);
    assert.equal(window.seen('a', 2998), false);
  });

  test('expired keys are dropped so memory follows the window, not the history', () => {
    const window = new KeyWindow(100);
    for (let i = 0; i < 1000; i++) window.seen(`k${i}`, i);
    assert.ok(window.size <= 100, `size ${window.size}`);
  });

  test('the memory bound forgets the least recently seen key and counts it', () => {
    const window = new KeyWindow(1_000_000, 2);
    window.seen('a', 0);
    window.seen('b', 1);
    window.seen('a', 2); // a is now the most recent
    window.seen('c', 3); // evicts b
    assert.equal(window.size, 2);
    assert.equal(window.evicted, 1);
    assert.equal(window.seen('a', 4), true);
    assert.equal(window.seen('b', 5), false, 'b was evicted, so its duplicate is missed');
  });

  test('a non-positive window or bound is refused', () => {
    assert.throws(() => new KeyWindow(0), RangeError);
    assert.throws(() => new KeyWindow(10, 0), RangeError);
  });

  test('without eviction it agrees with a brute-force check of every earlier sighting', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 50 })), { maxLength: 60 }), (steps) => {
        const windowMs = 20;
        const window = new KeyWindow(windowMs);
        const history: Array<[string, number]> = [];
        let now = 0;
        for (const [key, gap] of steps) {
          now += gap;
          const last = [...history].reverse().find(([k]) => k === key);
          const expected = last !== undefined && now - last[1] < windowMs;
          assert.equal(window.seen(key, now), expected);
          history.push([key, now]);
        }
      }),
    );
  });
});
