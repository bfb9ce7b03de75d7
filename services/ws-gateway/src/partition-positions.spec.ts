import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PartitionPositions } from './partition-positions';

describe('tracking where a subscription stands on each partition', () => {
  test('the next offset is delivered and moves the position; earlier ones are duplicates; later ones are ahead', () => {
    const positions = new PartitionPositions(new Map([[0, 10n], [1, 0n]]));
    assert.equal(positions.accept(0, 10n), 'deliver');
    assert.equal(positions.accept(0, 10n), 'duplicate');
    assert.equal(positions.accept(0, 9n), 'duplicate');
    assert.equal(positions.accept(0, 12n), 'ahead');
    assert.equal(positions.positionOf(0), 11n);
    assert.equal(positions.accept(1, 0n), 'deliver');
  });

  test('a partition the subscription did not start on is never delivered', () => {
    assert.equal(new PartitionPositions(new Map([[0, 0n]])).accept(3, 0n), 'ahead');
  });

  test('behind lists the partitions whose position is before the end, from their positions', () => {
    const positions = new PartitionPositions(new Map([[0, 5n], [1, 7n], [2, 0n]]));
    assert.deepEqual([...positions.behind(new Map([[0, 9n], [1, 7n], [2, 1n]]))], [[0, 5n], [2, 0n]]);
  });

  test('skipping past deleted offsets only moves forward; lastSeen is the position less one, as text', () => {
    const positions = new PartitionPositions(new Map([[0, 5n], [1, 0n]]));
    positions.skipTo(0, 3n);
    positions.skipTo(1, 4n);
    assert.deepEqual(positions.lastSeen(), { '0': '4', '1': '3' });
  });
});
