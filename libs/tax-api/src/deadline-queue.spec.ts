import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DeadlineQueue } from './deadline-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the deadline queue', () => {
  it('expires a call once its timeout has passed, not before', async () => {
    const queue = new DeadlineQueue();
    const expired: string[] = [];
    const started = performance.now();
    let expiredAfter = 0;
    queue.add({ expire: () => { expired.push('a'); expiredAfter = performance.now() - started; } }, 60);
    await sleep(30);
    assert.deepEqual(expired, []);
    await sleep(80);
    assert.deepEqual(expired, ['a']);
    assert.ok(expiredAfter >= 59, `expired after ${expiredAfter} ms`);
    assert.equal(queue.size, 0);
    queue.close();
  });

  it('never expires a call removed in time, and forgets it at once', async () => {
    const queue = new DeadlineQueue();
    const expired: string[] = [];
    const first = queue.add({ expire: () => expired.push('first') }, 40);
    queue.add({ expire: () => expired.push('second') }, 40);
    const third = queue.add({ expire: () => expired.push('third') }, 40);
    first.remove();
    third.remove();
    third.remove(); // twice is harmless
    assert.equal(queue.size, 1);
    await sleep(80);
    assert.deepEqual(expired, ['second']);
    queue.close();
  });

  it('expires calls of different timeouts in deadline order, a shorter one added later first', async () => {
    const queue = new DeadlineQueue();
    const expired: string[] = [];
    queue.add({ expire: () => expired.push('long') }, 120);
    queue.add({ expire: () => expired.push('short') }, 30);
    queue.add({ expire: () => expired.push('medium') }, 70);
    await sleep(50);
    assert.deepEqual(expired, ['short']);
    await sleep(120);
    assert.deepEqual(expired, ['short', 'medium', 'long']);
    queue.close();
  });

  it('expires a call added by an expiring one', async () => {
    const queue = new DeadlineQueue();
    const expired: string[] = [];
    queue.add({ expire: () => { expired.push('first'); queue.add({ expire: () => expired.push('retry') }, 20); } }, 20);
    await sleep(100);
    assert.deepEqual(expired, ['first', 'retry']);
    queue.close();
  });

  it('expires nothing after close', async () => {
    const queue = new DeadlineQueue();
    let expired = false;
    queue.add({ expire: () => (expired = true) }, 10);
    queue.close();
    await sleep(40);
    assert.equal(expired, false);
  });

  it('on a clock, expires exactly the calls that reach their deadline before they are removed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(50), timeoutMs: fc.constantFrom(10, 25, 40), removeAfter: fc.option(fc.nat(100), { nil: undefined }) }), { maxLength: 30 }),
        (calls) => {
          let now = 0;
          const timers = manualTimers(() => now);
          const expired: number[] = [];
          try {
            const queue = new DeadlineQueue(() => now);
            const entries: Array<{ remove(): void }> = [];
            const events = calls
              .flatMap((call, i) => [{ t: call.at, i, add: true }, ...(call.removeAfter === undefined ? [] : [{ t: call.at + call.removeAfter, i, add: false }])])
              .sort((a, b) => a.t - b.t || Number(b.add) - Number(a.add));
            for (const event of events) {
              now = event.t;
              timers.fireDue();
              if (event.add) entries[event.i] = queue.add({ expire: () => expired.push(event.i) }, calls[event.i].timeoutMs);
              else entries[event.i].remove();
            }
            now = 1_000;
            timers.fireDue();
            assert.equal(queue.size, 0);
            queue.close();
          } finally {
            timers.restore();
          }
          // A call removed at its deadline or later had expired already (the timer runs first).
          const expected = calls.flatMap((call, i) => (call.removeAfter === undefined || call.removeAfter >= call.timeoutMs ? [i] : []));
          assert.deepEqual([...expired].sort((a, b) => a - b), expected);
          assert.equal(new Set(expired).size, expired.length, 'each expires once');
        },
      ),
    );
  });
});

/** Stands in for setTimeout/clearTimeout until restore(): fireDue() runs the timers due by the clock's time. */
function manualTimers(clock: () => number) {
  const pending = new Map<number, { at: number; callback: () => void }>();
  let id = 0;
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  globalThis.setTimeout = ((callback: () => void, ms: number) => {
    const handle = ++id;
    pending.set(handle, { at: clock() + ms, callback });
    return { unref: () => undefined, [Symbol.toPrimitive]: () => handle } as unknown as NodeJS.Timeout;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: unknown) => {
    if (handle !== undefined) pending.delete(Number(handle));
  }) as typeof clearTimeout;
  return {
    fireDue() {
      for (;;) {
        const due = [...pending].filter(([, t]) => t.at <= clock()).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) return;
        pending.delete(due[0]);
        due[1].callback();
      }
    },
    restore() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
