import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { errorCode } from '@tributary/kafka-protocol';
import { coordinatorOnManualClock, formStableGroup } from './coordinator-fixture';
import { FileOffsetStore } from './file-offset-store';
import type { OffsetCommitRequest } from './offset-api';
import { MemoryOffsetStore } from './memory-offset-store';

const NONE = errorCode('NONE');

function standaloneCommit(groupId: string, partitions: [number, number, string | null][], topic = 'orders.raw'): OffsetCommitRequest {
  return {
    groupId,
    generationId: -1,
    memberId: '',
    topics: [{ name: topic, partitions: partitions.map(([partitionIndex, committedOffset, committedMetadata]) => ({ partitionIndex, committedOffset, committedMetadata })) }],
  };
}

const codes = (result: { topics: readonly { partitions: readonly { errorCode: number }[] }[] }) =>
  result.topics.flatMap((t) => t.partitions.map((p) => p.errorCode));

describe('OffsetCommit and OffsetFetch', () => {
  test('a commit from outside group management is stored for an unknown group, which then lists as Empty', async () => {
    const { coordinator } = coordinatorOnManualClock();
    const result = await coordinator.commitOffsets(standaloneCommit('kcat', [[0, 42, 'checkpoint'], [1, 7, null]]));
    assert.deepEqual(codes(result), [NONE, NONE]);
    const fetched = coordinator.fetchOffsets('kcat', [{ name: 'orders.raw', partitionIndexes: [0, 1, 2] }]);
    assert.deepEqual(fetched.topics[0].partitions, [
      { partitionIndex: 0, committedOffset: 42, committedLeaderEpoch: -1, metadata: 'checkpoint', errorCode: NONE },
      { partitionIndex: 1, committedOffset: 7, committedLeaderEpoch: -1, metadata: '', errorCode: NONE },
      { partitionIndex: 2, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: NONE },
    ]);
    assert.deepEqual(coordinator.listGroups().groups, [{ groupId: 'kcat', protocolType: '', groupState: 'Empty' }]);
  });

  test('fetching with topics null returns every partition the group has committed', async () => {
    const { coordinator } = coordinatorOnManualClock();
    await coordinator.commitOffsets(standaloneCommit('g', [[0, 1, null]], 'a'));
    await coordinator.commitOffsets(standaloneCommit('g', [[3, 9, null]], 'b'));
    const fetched = coordinator.fetchOffsets('g', null);
    assert.deepEqual(fetched.topics.map((t) => [t.name, t.partitions.map((p) => [p.partitionIndex, p.committedOffset])]), [
      ['a', [[0, 1]]],
      ['b', [[3, 9]]],
    ]);
    assert.deepEqual(coordinator.fetchOffsets('unknown', null).topics, []);
    assert.equal(coordinator.fetchOffsets('', null).errorCode, errorCode('INVALID_GROUP_ID'));
  });

  test('metadata over 4096 bytes is refused for its partition only', async () => {
    const { coordinator } = coordinatorOnManualClock();
    const result = await coordinator.commitOffsets(standaloneCommit('g', [[0, 1, 'é'.repeat(2049)], [1, 2, 'x'.repeat(4096)]]));
    assert.deepEqual(codes(result), [errorCode('OFFSET_METADATA_TOO_LARGE'), NONE]);
    assert.deepEqual(coordinator.fetchOffsets('g', null).topics[0].partitions.map((p) => p.partitionIndex), [1]);
  });

  test('members of a stable group commit with their generation; a standalone commit to it is refused', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    const stable = await formStableGroup(fixture, ['a']);
    const commit = await coordinator.commitOffsets({ ...standaloneCommit('orders', [[0, 10, null]]), generationId: 1, memberId: stable.memberIds[0] });
    assert.deepEqual(codes(commit), [NONE]);
    assert.deepEqual(codes(await coordinator.commitOffsets(standaloneCommit('orders', [[0, 99, null]]))), [errorCode('UNKNOWN_MEMBER_ID')]);
    assert.deepEqual(codes(await coordinator.commitOffsets({ ...standaloneCommit('unknown', [[0, 1, null]]), generationId: 3, memberId: 'm' })), [errorCode('ILLEGAL_GENERATION')]);
    assert.equal(coordinator.fetchOffsets('orders', null).topics[0].partitions[0].committedOffset, 10);
  });

  test('a commit the store fails to make durable is answered COORDINATOR_NOT_AVAILABLE', async () => {
    const store = new MemoryOffsetStore();
    store.commit = () => Promise.reject(new Error('disk full'));
    const { coordinator } = coordinatorOnManualClock(store);
    assert.deepEqual(codes(await coordinator.commitOffsets(standaloneCommit('g', [[0, 1, null]]))), [errorCode('COORDINATOR_NOT_AVAILABLE')]);
  });
});

describe('DeleteGroups', () => {
  test('deletes only Empty groups, answers GROUP_ID_NOT_FOUND for unknown ones and NON_EMPTY_GROUP for groups with members', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    await formStableGroup(fixture, ['a']);
    await coordinator.commitOffsets(standaloneCommit('idle', [[0, 5, null]]));
    const results = await coordinator.deleteGroups(['orders', 'idle', 'missing', '']);
    assert.deepEqual(results, [
      { groupId: 'orders', errorCode: errorCode('NON_EMPTY_GROUP') },
      { groupId: 'idle', errorCode: NONE },
      { groupId: 'missing', errorCode: errorCode('GROUP_ID_NOT_FOUND') },
      { groupId: '', errorCode: errorCode('INVALID_GROUP_ID') },
    ]);
    assert.deepEqual(coordinator.fetchOffsets('idle', null).topics, []);
    assert.deepEqual(coordinator.listGroups().groups.map((g) => g.groupId), ['orders']);
    assert.deepEqual(coordinator.describeGroups(['idle']), [
      { errorCode: NONE, groupId: 'idle', groupState: 'Dead', protocolType: '', protocolData: '', members: [] },
    ]);
  });

  test('a deleted group’s offsets stay deleted after a restart, and other groups’ offsets come back with their groups', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'groups-'));
    try {
      const path = join(dir, 'offsets.log');
      const first = coordinatorOnManualClock(await FileOffsetStore.open(path)).coordinator;
      await first.commitOffsets(standaloneCommit('doomed', [[0, 5, null]]));
      await first.commitOffsets(standaloneCommit('kept', [[0, 8, 'm']]));
      assert.deepEqual(await first.deleteGroups(['doomed']), [{ groupId: 'doomed', errorCode: NONE }]);
      await first.close();

      const second = coordinatorOnManualClock(await FileOffsetStore.open(path)).coordinator;
      assert.deepEqual(second.listGroups().groups, [{ groupId: 'kept', protocolType: '', groupState: 'Empty' }]);
      assert.deepEqual(second.fetchOffsets('doomed', null).topics, []);
      assert.equal(second.fetchOffsets('kept', null).topics[0].partitions[0].committedOffset, 8);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
