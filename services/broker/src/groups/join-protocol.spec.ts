import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorCode } from '@tributary/kafka-protocol';
import { coordinatorOnManualClock, formStableGroup, INITIAL_DELAY_MS, joinRequest, SESSION_MS, settled } from './coordinator-fixture';

const NONE = errorCode('NONE');

describe('JoinGroup rules', () => {
  test('a v4+ member joining without an id gets MEMBER_ID_REQUIRED with an id to rejoin with (KIP-394)', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const first = await coordinator.joinGroup(joinRequest('kafkajs', { apiVersion: 4 }));
    assert.equal(first.errorCode, errorCode('MEMBER_ID_REQUIRED'));
    assert.match(first.memberId, /^kafkajs-[0-9a-f-]{36}$/);
    assert.deepEqual([first.generationId, first.leader, first.members], [-1, '', []]);
    assert.equal(coordinator.describeGroups(['orders'])[0].members.length, 0, 'not a member until it rejoins');
    const rejoin = coordinator.joinGroup(joinRequest('kafkajs', { apiVersion: 4, memberId: first.memberId }));
    clock.advance(INITIAL_DELAY_MS);
    const joined = await rejoin;
    assert.deepEqual([joined.errorCode, joined.memberId, joined.leader, joined.generationId], [NONE, first.memberId, first.memberId, 1]);
  });

  test('an id handed out with MEMBER_ID_REQUIRED expires after a session timeout if unused', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const first = await coordinator.joinGroup(joinRequest('kafkajs', { apiVersion: 5 }));
    clock.advance(SESSION_MS);
    const late = await coordinator.joinGroup(joinRequest('kafkajs', { apiVersion: 5, memberId: first.memberId }));
    assert.equal(late.errorCode, errorCode('UNKNOWN_MEMBER_ID'));
  });

  test('a join phase waits for members that were handed an id, until they rejoin', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    const [a] = (await formStableGroup(fixture, ['a'])).memberIds;
    const pending = await coordinator.joinGroup(joinRequest('b', { apiVersion: 4 }));
    const rejoinA = coordinator.joinGroup(joinRequest('a', { memberId: a }));
    assert.equal(await settled(rejoinA), false);
    const joinB = coordinator.joinGroup(joinRequest('b', { apiVersion: 4, memberId: pending.memberId }));
    const [ja, jb] = await Promise.all([rejoinA, joinB]);
    assert.deepEqual([ja.generationId, jb.generationId, ja.members.length], [2, 2, 2]);
  });

  test('v0-v3 members get their id with the first answer', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const join = coordinator.joinGroup(joinRequest('rdkafka', { apiVersion: 2 }));
    clock.advance(INITIAL_DELAY_MS);
    const result = await join;
    assert.equal(result.errorCode, NONE);
    assert.match(result.memberId, /^rdkafka-/);
  });

  test('the chosen protocol is the one every member supports, by the members’ preference', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const meta = (name: string) => ({ name, metadata: Buffer.from(name) });
    const joins = [
      coordinator.joinGroup(joinRequest('a', { protocols: [meta('cooperative-sticky'), meta('roundrobin'), meta('range')] })),
      coordinator.joinGroup(joinRequest('b', { protocols: [meta('roundrobin'), meta('range')] })),
      coordinator.joinGroup(joinRequest('c', { protocols: [meta('range'), meta('roundrobin')] })),
    ];
    clock.advance(2 * INITIAL_DELAY_MS);
    const [leader] = await Promise.all(joins);
    assert.equal(leader.protocolName, 'roundrobin');
    assert.deepEqual(leader.members.map((m) => m.metadata.toString()), ['roundrobin', 'roundrobin', 'roundrobin']);
  });

  test('a member whose protocol type or protocols do not fit the group gets INCONSISTENT_GROUP_PROTOCOL', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    await formStableGroup(fixture, ['a']);
    const INCONSISTENT = errorCode('INCONSISTENT_GROUP_PROTOCOL');
    assert.equal((await coordinator.joinGroup(joinRequest('b', { protocolType: 'connect' }))).errorCode, INCONSISTENT);
    const other = [{ name: 'roundrobin', metadata: Buffer.alloc(0) }];
    assert.equal((await coordinator.joinGroup(joinRequest('b', { protocols: other }))).errorCode, INCONSISTENT);
    assert.equal((await coordinator.joinGroup(joinRequest('x', { groupId: 'fresh', protocols: [] }))).errorCode, INCONSISTENT);
    assert.equal(coordinator.describeGroups(['orders'])[0].groupState, 'Stable', 'refused joins do not disturb the group');
    assert.deepEqual(coordinator.listGroups().groups.map((g) => g.groupId), ['orders'], 'nor create groups');
  });

  test('an empty group id and a session timeout outside the broker limits are refused', async () => {
    const { coordinator } = coordinatorOnManualClock();
    assert.equal((await coordinator.joinGroup(joinRequest('a', { groupId: '' }))).errorCode, errorCode('INVALID_GROUP_ID'));
    const INVALID_SESSION_TIMEOUT = errorCode('INVALID_SESSION_TIMEOUT');
    assert.equal((await coordinator.joinGroup(joinRequest('a', { sessionTimeoutMs: 5999 }))).errorCode, INVALID_SESSION_TIMEOUT);
    assert.equal((await coordinator.joinGroup(joinRequest('a', { sessionTimeoutMs: 1_800_001 }))).errorCode, INVALID_SESSION_TIMEOUT);
    assert.equal(coordinator.heartbeat({ groupId: '', generationId: 1, memberId: 'm', groupInstanceId: null }).errorCode, errorCode('INVALID_GROUP_ID'));
  });

  test('a follower repeating its JoinGroup in a stable group gets the current generation without a rebalance', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    const stable = await formStableGroup(fixture, ['a', 'b']);
    const again = await coordinator.joinGroup(joinRequest('b', { memberId: stable.memberIds[1] }));
    assert.deepEqual([again.errorCode, again.generationId, again.leader, again.members], [NONE, 1, stable.leader, []]);
    assert.equal(coordinator.describeGroups(['orders'])[0].groupState, 'Stable');
  });

  test('the leader rejoining a stable group starts a rebalance', async () => {
    const fixture = coordinatorOnManualClock();
    const { coordinator } = fixture;
    const stable = await formStableGroup(fixture, ['a', 'b']);
    void coordinator.joinGroup(joinRequest('a', { memberId: stable.leader }));
    assert.equal(coordinator.describeGroups(['orders'])[0].groupState, 'PreparingRebalance');
  });
});

describe('static membership (KIP-345)', () => {
  const instance = (id: string) => ({ apiVersion: 5, groupInstanceId: id });

  test('a restarted static member takes its place back under a new id without a rebalance, and its old id is fenced', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const joins = [coordinator.joinGroup(joinRequest('a', instance('pod-0'))), coordinator.joinGroup(joinRequest('b', instance('pod-1')))];
    clock.advance(2 * INITIAL_DELAY_MS);
    const [ja, jb] = await Promise.all(joins);
    assert.equal(ja.errorCode, NONE, 'static members skip MEMBER_ID_REQUIRED');
    const assignments = [ja, jb].map((j) => ({ memberId: j.memberId, assignment: Buffer.from(`for ${j.memberId}`) }));
    await coordinator.syncGroup({ groupId: 'orders', generationId: 1, memberId: ja.memberId, groupInstanceId: 'pod-0', assignments });

    const restarted = await coordinator.joinGroup(joinRequest('b', instance('pod-1')));
    assert.equal(restarted.errorCode, NONE);
    assert.notEqual(restarted.memberId, jb.memberId);
    assert.deepEqual([restarted.generationId, restarted.leader, restarted.members], [1, ja.memberId, []]);
    assert.equal(coordinator.describeGroups(['orders'])[0].groupState, 'Stable');
    const sync = await coordinator.syncGroup({ groupId: 'orders', generationId: 1, memberId: restarted.memberId, groupInstanceId: 'pod-1', assignments: [] });
    assert.equal(sync.assignment.toString(), `for ${jb.memberId}`, 'it keeps its assignment');

    const zombie = { groupId: 'orders', generationId: 1, memberId: jb.memberId, groupInstanceId: 'pod-1' };
    assert.equal(coordinator.heartbeat(zombie).errorCode, errorCode('FENCED_INSTANCE_ID'));
    assert.equal((await coordinator.joinGroup(joinRequest('b', { ...instance('pod-1'), memberId: jb.memberId }))).errorCode, errorCode('FENCED_INSTANCE_ID'));
  });

  test('a static member leaving by instance id is removed', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const join = coordinator.joinGroup(joinRequest('a', instance('pod-0')));
    clock.advance(INITIAL_DELAY_MS);
    const ja = await join;
    const left = coordinator.leaveGroup({ groupId: 'orders', members: [{ memberId: '', groupInstanceId: 'pod-0' }] });
    assert.deepEqual(left.members.map((m) => m.errorCode), [NONE]);
    assert.equal(coordinator.describeGroups(['orders'])[0].groupState, 'Empty');
    assert.equal(coordinator.heartbeat({ groupId: 'orders', generationId: ja.generationId, memberId: ja.memberId, groupInstanceId: null }).errorCode, errorCode('UNKNOWN_MEMBER_ID'));
  });
});

describe('GroupCoordinator.close', () => {
  test('answers parked requests with COORDINATOR_NOT_AVAILABLE and stops every timer', async () => {
    const { clock, coordinator } = coordinatorOnManualClock();
    const join = coordinator.joinGroup(joinRequest('a'));
    assert.ok(clock.pending > 0);
    await coordinator.close();
    assert.equal((await join).errorCode, errorCode('COORDINATOR_NOT_AVAILABLE'));
    assert.equal(clock.pending, 0);
    assert.equal((await coordinator.joinGroup(joinRequest('b'))).errorCode, errorCode('COORDINATOR_NOT_AVAILABLE'));
  });
});
