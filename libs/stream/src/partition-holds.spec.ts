import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_PARTITIONS, PartitionHolds } from './partition-holds';

describe('partition holds', () => {
  test('a partition is free again only when every reason to hold it is gone', () => {
    const holds = new PartitionHolds();
    assert.equal(holds.add('t', 0, 'paused'), true, 'first hold: pause it');
    assert.equal(holds.add('t', 0, 'due'), false, 'already paused');
    assert.equal(holds.remove('t', 0, 'due'), false, 'the retry came due, but the sink still holds it');
    assert.ok(holds.isHeld('t', 0));
    assert.equal(holds.remove('t', 0, 'paused'), true);
    assert.ok(!holds.isHeld('t', 0));
  });

  test('removing a reason that is not there changes nothing', () => {
    const holds = new PartitionHolds();
    holds.add('t', 1, 'backoff');
    assert.equal(holds.remove('t', 1, 'paused'), false);
    assert.deepEqual(holds.reasons('t', 1), ['backoff']);
  });

  test('a hold on the whole topic holds each partition, and a topic-wide removal lifts partition holds of that reason', () => {
    const holds = new PartitionHolds();
    holds.add('t', ALL_PARTITIONS, 'paused');
    holds.add('t', 2, 'paused');
    holds.add('t', 3, 'due');
    assert.ok(holds.isHeld('t', 7));
    assert.deepEqual(holds.heldOf('t'), { all: true, partitions: [2, 3] });
    holds.removeFromTopic('t', 'paused');
    assert.ok(!holds.isHeld('t', 7));
    assert.ok(!holds.isHeld('t', 2));
    assert.ok(holds.isHeld('t', 3), 'a due hold is not lifted by resume');
    assert.deepEqual(holds.topics(), ['t']);
  });
});
