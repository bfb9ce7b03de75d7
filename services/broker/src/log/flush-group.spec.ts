import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FlushGroup } from './flush-group';

/** A group whose rounds finish when the test says so. */
function controlledGroup() {
  const pending: Array<() => void> = [];
  let rounds = 0;
  const group = new FlushGroup(() => {
    rounds++;
    return new Promise<void>((resolve) => pending.push(resolve));
  });
  const finishRound = async (): Promise<void> => {
    pending.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { group, finishRound, rounds: () => rounds };
}

describe('flush group', () => {
  test('callers arriving during a round all share the single next round', async () => {
    const { group, finishRound, rounds } = controlledGroup();
    const settled: number[] = [];
    const first = group.flush().then(() => settled.push(0));
    const later = Array.from({ length: 8 }, (_, i) => group.flush().then(() => settled.push(i + 1)));
    assert.equal(rounds(), 1);
    await finishRound();
    assert.deepEqual(settled, [0], 'later callers wait: the first round may have missed their data');
    assert.equal(rounds(), 2);
    await finishRound();
    await Promise.all([first, ...later]);
    assert.equal(rounds(), 2);
    assert.equal(settled.length, 9);
  });

  test('schedule starts a round soon without anyone awaiting it, and coalesces', async () => {
    const { group, finishRound, rounds } = controlledGroup();
    group.schedule();
    group.schedule();
    assert.equal(rounds(), 0);
    await new Promise((r) => setImmediate(r));
    assert.equal(rounds(), 1);
    await finishRound();
    assert.equal(rounds(), 1);
  });

  test('a failed round rejects its callers and every later flush', async () => {
    const group = new FlushGroup(() => Promise.reject(new Error('EIO')));
    await assert.rejects(group.flush(), /EIO/);
    await assert.rejects(group.flush(), /EIO/);
    assert.equal(group.failure?.message, 'EIO');
  });
});
