import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { matchTopics, TopicWatch, type TopicSet } from './topic-watch';

describe('topic matching and watching', () => {
  const existing = new Map([['tributary.b.p.mapped', 3], ['tributary.a.p.mapped', 2], ['tributary.a.p.valid', 2], ['_tributary.runs', 6]]);

  test('names and patterns pick existing topics, sorted, with their partition counts; named topics that do not exist are left out', () => {
    assert.deepEqual([...matchTopics([/\.mapped$/g, '_tributary.runs', 'not.yet'], existing)], [['_tributary.runs', 6], ['tributary.a.p.mapped', 2], ['tributary.b.p.mapped', 3]]);
  });

  test('reports a change once, and again when a partition count changes', async () => {
    let current: TopicSet = new Map([['a', 1]]);
    const reported: string[] = [];
    const watch = new TopicWatch(async () => current, async (topics) => void reported.push(JSON.stringify([...topics])), (e) => { throw e; }, 0);
    await watch.check();
    await watch.check();
    current = new Map([['a', 2]]);
    await watch.check();
    assert.deepEqual(reported, ['[["a",1]]', '[["a",2]]']);
  });

  test('a check asked for during a check runs after it, so it sees what changed since', async () => {
    let reads = 0;
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const watch = new TopicWatch(async () => {
      reads += 1;
      if (reads === 1) await blocked;
      return new Map([['a', reads]]);
    }, async () => {}, () => {}, 0);
    const first = watch.check();
    const second = watch.check();
    const third = watch.check();
    release();
    await Promise.all([first, second, third]);
    assert.equal(reads, 2, 'the two calls made during the first check share one more');
  });

  test('a failed update is reported and tried again at the next check', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const applied: number[] = [];
    const watch = new TopicWatch(async () => new Map([['a', 1]]), async (topics) => {
      if (fail) throw new Error('broker unreachable');
      applied.push(topics.size);
    }, (e) => errors.push(e), 0);
    await watch.check();
    fail = false;
    await watch.check();
    assert.equal(errors.length, 1);
    assert.deepEqual(applied, [1]);
  });
});
