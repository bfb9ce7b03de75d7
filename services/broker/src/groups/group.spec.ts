import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Group } from './group';
import { EMPTY_BYTES, type Member } from './member';

function member(memberId: string, groupInstanceId: string | null = null): Member {
  return {
    memberId, groupInstanceId, clientId: memberId, clientHost: '/10.0.0.1', rebalanceTimeoutMs: 1000, sessionTimeoutMs: 1000,
    protocolType: 'consumer', protocols: [{ name: 'range', metadata: Buffer.from(memberId) }],
    assignment: EMPTY_BYTES, awaitingJoin: false, awaitingSync: false,
  };
}

/** A group in CompletingRebalance of generation 1 with the given members. */
function joinedGroup(...members: Member[]): Group {
  const group = new Group('g');
  for (const m of members) group.add(m);
  group.transitionTo('PreparingRebalance');
  group.completeJoin();
  return group;
}

describe('Group', () => {
  test('refuses transitions Kafka does not allow', () => {
    const group = new Group('g');
    assert.throws(() => group.transitionTo('Stable'), /illegal transition Empty -> Stable/);
    assert.throws(() => group.transitionTo('CompletingRebalance'));
    group.transitionTo('PreparingRebalance');
    group.transitionTo('Dead');
    assert.throws(() => group.transitionTo('PreparingRebalance'));
  });

  test('the first member sets the protocol type and leads', () => {
    const group = new Group('g');
    group.add(member('a'));
    group.add(member('b'));
    assert.deepEqual([group.protocolType, group.leaderId], ['consumer', 'a']);
  });

  test('ending a join phase drops dynamic members that did not rejoin, keeps static ones, and moves the lead to a member that rejoined', () => {
    const group = joinedGroup(member('a'), member('s', 'pod-s'), member('b'), member('c'));
    group.completeSync([]);
    group.transitionTo('PreparingRebalance');
    for (const id of ['c', 'b']) group.update(group.get(id)!, group.get(id)!.protocols, 1000, 1000);
    const { removed, answers } = group.completeJoin();
    assert.deepEqual(removed.map((m) => m.memberId), ['a']);
    assert.deepEqual([...group.members.keys()], ['s', 'b', 'c']);
    assert.equal(group.leaderId, 'b', 'a left; s is next but did not rejoin');
    assert.deepEqual([...answers.keys()], ['b', 'c']);
    assert.deepEqual(answers.get('b')?.members.map((m) => m.memberId), ['s', 'b', 'c']);
    assert.deepEqual([group.generationId, group.state], [2, 'CompletingRebalance']);
  });

  test('a join phase with nobody left empties the group and still bumps the generation', () => {
    const group = joinedGroup(member('a'));
    group.completeSync([]);
    group.transitionTo('PreparingRebalance');
    group.remove('a');
    group.completeJoin();
    assert.deepEqual([group.state, group.generationId, group.protocolName, group.leaderId], ['Empty', 2, null, null]);
  });

  test('a known static member replaced under a new id keeps its assignment and leadership; its old id is fenced', () => {
    const group = joinedGroup(member('a', 'pod-a'), member('b'));
    group.completeSync([{ memberId: 'a', assignment: Buffer.from('p0') }]);
    const { member: replaced, oldMemberId } = group.replaceStaticMember('pod-a', 'a2');
    assert.deepEqual([oldMemberId, replaced.memberId, replaced.assignment.toString(), group.leaderId], ['a', 'a2', 'p0', 'a2']);
    assert.equal(group.isStaticMemberFenced('a', 'pod-a'), true);
    assert.equal(group.isStaticMemberFenced('a2', 'pod-a'), false);
    assert.equal(group.isStaticMemberFenced('anyone', 'unknown-pod'), false);
  });

  test('DescribeGroups shows the protocol, metadata and assignments only once Stable', () => {
    const group = joinedGroup(member('a'));
    assert.deepEqual([group.describe().protocolData, group.describe().members[0].memberMetadata], ['', EMPTY_BYTES]);
    group.completeSync([{ memberId: 'a', assignment: Buffer.from('p0') }]);
    const described = group.describe();
    assert.equal(described.protocolData, 'range');
    assert.deepEqual(
      [described.members[0].memberMetadata.toString(), described.members[0].memberAssignment.toString()],
      ['a', 'p0'],
    );
  });
});
