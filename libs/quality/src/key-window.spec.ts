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

  test('it keeps the same keys and evictions as a window that looks at its front on every sighting, even when the clock steps back', () => {
    // The reference is the plain algorithm: expire from the front on every call.
    class Reference {
      readonly lastSeen = new Map<string, number>();
      evicted = 0;
      constructor(
        readonly windowMs: number,
        readonly maxKeys: number,
      ) {}
      seen(key: string, now: number): boolean {
        for (const [k, at] of this.lastSeen) {
          if (now - at < this.windowMs) break;
          this.lastSeen.delete(k);
        }
        const previous = this.lastSeen.get(key);
        if (previous !== undefined) this.lastSeen.delete(key);
        else if (this.lastSeen.size >= this.maxKeys) {
          this.lastSeen.delete(this.lastSeen.keys().next().value as string);
          this.evicted++;
        }
        this.lastSeen.set(key, now);
        return previous !== undefined && now - previous < this.windowMs;
      }
    }
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: -15, max: 40 })), { maxLength: 80 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(0, Date.UTC(2024, 4, 1)), (steps, maxKeys, start) => {
        const window = new KeyWindow(20, maxKeys);
        const reference = new Reference(20, maxKeys);
        let now = start;
        for (const [key, gap] of steps) {
          now += gap;
          assert.equal(window.seen(key, now), reference.seen(key, now));
          assert.equal(window.size, reference.lastSeen.size);
          assert.equal(window.evicted, reference.evicted);
        }
      }),
    );
  });
});
