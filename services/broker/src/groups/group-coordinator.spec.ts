import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorCode } from '@tributary/kafka-protocol';
import { GroupCoordinator } from './group-coordinator';
import { MemoryOffsetStore } from './memory-offset-store';
import {
  coordinatorOnManualClock, formStableGroup, INITIAL_DELAY_MS, joinRequest, REBALANCE_MS, SESSION_MS, settled,
} from './coordinator-fixture';

const NONE = errorCode('NONE');
const REBALANCE_IN_PROGRESS = errorCode('REBALANCE_IN_PROGRESS');

describe('GroupCoordinator membership', () => {
  test('three members that join together get one generation with one leader, who alone sees the member list', async () => {
    const fixture = coordinatorOnManualClock();
    const { clock, coordinator } = fixture;
    const a = coordinator.joinGroup(joinRequest('a'));
    clock.advance(30);
    const b = coordinator.joinGroup(joinRequest('b'));
    clock.advance(30);
    const c = coordinator.joinGroup(joinRequest('c'));
    clock.advance(30);
    assert.equal(coordinator.describeGroups(['orders'])[0].groupState, 'PreparingRebalance');
    clock.advance(INITIAL_DELAY_MS);
    assert.equal(await settled(a), false, 'b and c arrived during the first delay, so the group waits once more');
    clock.advance(INITIAL_DELAY_MS);
    const joins = await Promise.all([a, b, c]);
    assert.deepEqual(joins.map((j) => j.errorCode), [NONE, NONE, NONE]);
    assert.deepEqual(new Set(joins.map((j) => j.generationId)), new Set([1]));
    assert.deepEqual(new Set(joins.map((j) => j.leader)), new Set([joins[0].memberId]));
    assert.equal(joins[0].protocolName, 'range');
    assert.deepEqual(joins[0].members.map((m) => [m.memberId, m.metadata.toString()]), [
      [joins[0].memberId, 'subscription of a'],
      [joins[1].memberId, 'subscription of b'],
      [joins[2].memberId, 'subscription of c'],
    ]);
    assert.deepEqual([joins[1].members, joins[2].members], [[], []]);
    assert.match(joins[1].memberId, /^b-[0-9a-f-]{36}$/);
    assert.equal(coordinator.describeGroups(['orders'])[0].groupState, 'CompletingRebalance');
  });

  test('the initial delay waits another round while members keep arriving, but never past the rebalance timeout', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const joins = [coordinator.joinGroup(joinRequest('a', { rebalanceTimeoutMs: 250 }))];
    for (const [at, id] of [[50, 'b'], [150, 'c'], [220, 'd']] as const) {
      clock.advance(at - clock.now());
      joins.push(coordinator.joinGroup(joinRequest(id)));
    }
    clock.advance(249 - clock.now());
    assert.equal(await settled(joins[0]), false);
    clock.advance(1);
    const results = await Promise.all(joins);
    assert.deepEqual(results.map((j) => j.generationId), [1, 1, 1, 1]);
  });

  test('a lone member waits out the initial delay, once', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const a = coordinator.joinGroup(joinRequest('a'));
    clock.advance(INITIAL_DELAY_MS - 1);
    assert.equal(await settled(a), false);
    clock.advance(1);
    assert.equal((await a).generationId, 1);
  });

  test("followers' SyncGroup waits for the leader's, then every member gets its assignment and the group is Stable", async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const pending = ['a', 'b', 'c'].map((id) => coordinator.joinGroup(joinRequest(id)));
    clock.advance(2 * INITIAL_DELAY_MS);
    const [ja, jb, jc] = await Promise.all(pending);
    const sync = (memberId: string, assignments: { memberId: string; assignment: Buffer }[] = []) =>
      coordinator.syncGroup({ groupId: 'orders', generationId: 1, memberId, groupInstanceId: null, assignments });
    const followerB = sync(jb.memberId);
    const followerC = sync(jc.memberId);
    assert.equal(await settled(followerB), false);
    // The leader assigns nothing to c: c still gets an answer, with an empty assignment.
    const leader = await sync(ja.memberId, [
      { memberId: ja.memberId, assignment: Buffer.from('p0') },
      { memberId: jb.memberId, assignment: Buffer.from('p1') },
    ]);
    assert.deepEqual([leader.errorCode, leader.assignment.toString()], [NONE, 'p0']);
    assert.deepEqual((await followerB).assignment.toString(), 'p1');
    assert.deepEqual(await followerC, { errorCode: NONE, assignment: Buffer.alloc(0) });
    const [described] = coordinator.describeGroups(['orders']);
    assert.equal(described.groupState, 'Stable');
    assert.equal(described.protocolData, 'range');
    assert.deepEqual(described.members.map((m) => [m.clientId, m.clientHost, m.memberAssignment.toString()]), [
      ['a', '/127.0.0.1', 'p0'],
      ['b', '/127.0.0.1', 'p1'],
      ['c', '/127.0.0.1', ''],
    ]);
    assert.equal((await sync(jb.memberId)).assignment.toString(), 'p1', 'a late SyncGroup in Stable gets the assignment');
  });

  test('a fourth member makes everyone rejoin into a new generation with the same leader', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    const stable = await formStableGroup(fixture, ['a', 'b', 'c']);
    const d = coordinator.joinGroup(joinRequest('d'));
    assert.equal(coordinator.describeGroups(['orders'])[0].groupState, 'PreparingRebalance');
    const rejoins = stable.memberIds.map((memberId) => {
      const beat = coordinator.heartbeat({ groupId: 'orders', generationId: stable.generationId, memberId, groupInstanceId: null });
      assert.equal(beat.errorCode, REBALANCE_IN_PROGRESS, 'heartbeats tell members to rejoin');
      return coordinator.joinGroup(joinRequest('x', { memberId }));
    });
    // Everyone known has rejoined: the join phase ends without waiting for the rebalance timeout.
    const joins = await Promise.all([...rejoins, d]);
    assert.deepEqual(new Set(joins.map((j) => j.generationId)), new Set([2]));
    assert.deepEqual(new Set(joins.map((j) => j.leader)), new Set([stable.leader]));
    assert.equal(joins[0].members.length, 4);
  });

  test('a member that stops heartbeating is expelled after its session timeout and the others get a new generation', async () => {
    const fixture = coordinatorOnManualClock();
    const { clock, coordinator } = fixture;
    const stable = await formStableGroup(fixture, ['a', 'b', 'c']);
    const [a, b, silent] = stable.memberIds;
    const beat = (memberId: string) =>
      coordinator.heartbeat({ groupId: 'orders', generationId: stable.generationId, memberId, groupInstanceId: null }).errorCode;
    for (let t = 0; t < SESSION_MS - 1000; t += 3000) {
      clock.advance(3000);
      assert.deepEqual([beat(a), beat(b)], [NONE, NONE]);
    }
    clock.advance(3000);
    assert.deepEqual([beat(a), beat(b)], [REBALANCE_IN_PROGRESS, REBALANCE_IN_PROGRESS]);
    assert.equal(beat(silent), errorCode('UNKNOWN_MEMBER_ID'));
    const joins = await Promise.all([a, b].map((memberId) => coordinator.joinGroup(joinRequest('x', { memberId }))));
    assert.deepEqual(joins.map((j) => j.generationId), [2, 2]);
    assert.deepEqual(joins[0].members.map((m) => m.memberId), [a, b]);
  });

  test('members that do not rejoin within the rebalance timeout are dropped from the new generation', async () => {
    const fixture = coordinatorOnManualClock();
    const { clock, coordinator } = fixture;
    const stable = await formStableGroup(fixture, ['a', 'b']);
    const [a, b] = stable.memberIds;
    const rejoin = coordinator.joinGroup(joinRequest('a', { memberId: a }));
    // b keeps heartbeating (so its session holds) but never rejoins.
    for (let t = 0; t < REBALANCE_MS - 1; t += 5000) {
      clock.advance(Math.min(5000, REBALANCE_MS - 1 - t));
      coordinator.heartbeat({ groupId: 'orders', generationId: 1, memberId: b, groupInstanceId: null });
    }
    assert.equal(await settled(rejoin), false);
    clock.advance(1);
    const join = await rejoin;
    assert.equal(join.generationId, 2);
    assert.deepEqual(join.members.map((m) => m.memberId), [a]);
    assert.equal(coordinator.heartbeat({ groupId: 'orders', generationId: 1, memberId: b, groupInstanceId: null }).errorCode, errorCode('UNKNOWN_MEMBER_ID'));
  });

  test('a leaving leader triggers a rebalance and hands leadership to a remaining member; the last one leaving empties the group', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    const stable = await formStableGroup(fixture, ['a', 'b']);
    const [a, b] = stable.memberIds;
    const left = coordinator.leaveGroup({ groupId: 'orders', members: [{ memberId: a, groupInstanceId: null }, { memberId: 'ghost', groupInstanceId: null }] });
    assert.deepEqual(left.members.map((m) => m.errorCode), [NONE, errorCode('UNKNOWN_MEMBER_ID')]);
    assert.equal(coordinator.heartbeat({ groupId: 'orders', generationId: 1, memberId: b, groupInstanceId: null }).errorCode, REBALANCE_IN_PROGRESS);
    const join = await coordinator.joinGroup(joinRequest('b', { memberId: b }));
    assert.deepEqual([join.generationId, join.leader], [2, b]);
    coordinator.leaveGroup({ groupId: 'orders', members: [{ memberId: b, groupInstanceId: null }] });
    const [described] = coordinator.describeGroups(['orders']);
    assert.deepEqual([described.groupState, described.members.length, described.protocolType], ['Empty', 0, 'consumer']);
    assert.deepEqual(coordinator.listGroups().groups, [{ groupId: 'orders', protocolType: 'consumer', groupState: 'Empty' }]);
  });

  test('a member leaving while the others rejoin lets the join phase end at once', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    const [a, b] = (await formStableGroup(fixture, ['a', 'b'])).memberIds;
    const rejoin = coordinator.joinGroup(joinRequest('a', { memberId: a }));
    assert.equal(await settled(rejoin), false);
    coordinator.leaveGroup({ groupId: 'orders', members: [{ memberId: b, groupInstanceId: null }] });
    const join = await rejoin;
    assert.deepEqual([join.generationId, join.members.map((m) => m.memberId)], [2, [a]]);
  });

  test('on the system clock, a lone member is answered once the initial delay has passed', async () => {
    const coordinator = new GroupCoordinator({ offsetStore: new MemoryOffsetStore(), initialRebalanceDelayMs: 20 });
    const started = Date.now();
    const join = await coordinator.joinGroup(joinRequest('a'));
    assert.equal(join.errorCode, NONE);
    assert.ok(Date.now() - started >= 15, 'waited for the delay');
    await coordinator.close();
  });

  test('requests from a stale generation or an unknown member are fenced', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    const stable = await formStableGroup(fixture, ['a']);
    const [a] = stable.memberIds;
    const ILLEGAL_GENERATION = errorCode('ILLEGAL_GENERATION');
    const stale = { groupId: 'orders', generationId: 0, memberId: a, groupInstanceId: null };
    assert.equal(coordinator.heartbeat(stale).errorCode, ILLEGAL_GENERATION);
    assert.equal((await coordinator.syncGroup({ ...stale, assignments: [] })).errorCode, ILLEGAL_GENERATION);
    const commit = await coordinator.commitOffsets({
      groupId: 'orders', generationId: 0, memberId: a,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 5, committedMetadata: null }] }],
    });
    assert.equal(commit.topics[0].partitions[0].errorCode, ILLEGAL_GENERATION);
    assert.equal(coordinator.heartbeat({ ...stale, generationId: 1, memberId: 'stranger' }).errorCode, errorCode('UNKNOWN_MEMBER_ID'));
    assert.equal(coordinator.heartbeat({ ...stale, groupId: 'nope' }).errorCode, errorCode('UNKNOWN_MEMBER_ID'));
    assert.equal((await coordinator.joinGroup(joinRequest('a', { memberId: 'stranger' }))).errorCode, errorCode('UNKNOWN_MEMBER_ID'));
  });

  test('SyncGroup during PreparingRebalance and commits during CompletingRebalance answer REBALANCE_IN_PROGRESS', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    const stable = await formStableGroup(fixture, ['a', 'b']);
    const [a, b] = stable.memberIds;
    const rejoinA = coordinator.joinGroup(joinRequest('a', { memberId: a }));
    const sync = await coordinator.syncGroup({ groupId: 'orders', generationId: 1, memberId: b, groupInstanceId: null, assignments: [] });
    assert.equal(sync.errorCode, REBALANCE_IN_PROGRESS);
    const commitWhilePreparing = await coordinator.commitOffsets({
      groupId: 'orders', generationId: 1, memberId: b,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1, committedMetadata: null }] }],
    });
    assert.equal(commitWhilePreparing.topics[0].partitions[0].errorCode, NONE, 'Kafka accepts commits while preparing');
    await Promise.all([rejoinA, coordinator.joinGroup(joinRequest('b', { memberId: b }))]);
    const commit = await coordinator.commitOffsets({
      groupId: 'orders', generationId: 2, memberId: b,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 2, committedMetadata: null }] }],
    });
    assert.equal(commit.topics[0].partitions[0].errorCode, REBALANCE_IN_PROGRESS);
  });

  test('a rebalance during CompletingRebalance answers the parked SyncGroups with REBALANCE_IN_PROGRESS', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const pending = ['a', 'b'].map((id) => coordinator.joinGroup(joinRequest(id)));
    clock.advance(2 * INITIAL_DELAY_MS);
    const [, jb] = await Promise.all(pending);
    const follower = coordinator.syncGroup({ groupId: 'orders', generationId: 1, memberId: jb.memberId, groupInstanceId: null, assignments: [] });
    void coordinator.joinGroup(joinRequest('c'));
    assert.deepEqual(await follower, { errorCode: REBALANCE_IN_PROGRESS, assignment: Buffer.alloc(0) });
  });

  test('a leader that never sends SyncGroup is dropped after the rebalance timeout, releasing waiting followers', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const pending = ['a', 'b'].map((id) => coordinator.joinGroup(joinRequest(id)));
    clock.advance(2 * INITIAL_DELAY_MS);
    const [ja, jb] = await Promise.all(pending);
    const follower = coordinator.syncGroup({ groupId: 'orders', generationId: 1, memberId: jb.memberId, groupInstanceId: null, assignments: [] });
    for (let t = 0; t < REBALANCE_MS; t += 5000) {
      clock.advance(5000);
      coordinator.heartbeat({ groupId: 'orders', generationId: 1, memberId: ja.memberId, groupInstanceId: null });
    }
    assert.equal((await follower).errorCode, REBALANCE_IN_PROGRESS);
    const [described] = coordinator.describeGroups(['orders']);
    assert.deepEqual(described.members.map((m) => m.memberId), [jb.memberId]);
  });
});
