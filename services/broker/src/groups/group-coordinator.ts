import { errorCode, type KafkaErrorType } from '@tributary/kafka-protocol';
import { Group } from './group';
import type {
  DeleteGroupResult, DescribedGroup, HeartbeatRequest, HeartbeatResult, JoinGroupRequest, JoinGroupResult,
  LeaveGroupRequest, LeaveGroupResult, ListGroupsResult, SyncGroupRequest, SyncGroupResult,
} from './group-api';
import type { Member } from './member';
import { GroupJoins } from './join-group';
import type { OffsetCommitRequest, OffsetCommitResult, OffsetFetchResult, OffsetFetchTopic } from './offset-api';
import { commitRefusal, fetchCommitted, refuseCommit, storeCommit } from './offset-commits';
import type { OffsetStore } from './offset-store';
import { joinError, Rebalancer, syncError } from './rebalancer';
import { systemScheduler, type Scheduler } from './scheduler';

export interface GroupCoordinatorOptions {
  /** Owned from now on: close() closes it. */
  readonly offsetStore: OffsetStore;
  /** Kafka's group.initial.rebalance.delay.ms (default 3000). */
  readonly initialRebalanceDelayMs?: number;
  /** Kafka's group.min.session.timeout.ms (default 6000). */
  readonly minSessionTimeoutMs?: number;
  /** Kafka's group.max.session.timeout.ms (default 1800000). */
  readonly maxSessionTimeoutMs?: number;
  readonly scheduler?: Scheduler;
}

/**
 * Kafka's group coordinator for the classic protocol, on one node: membership (JoinGroup,
 * SyncGroup, Heartbeat, LeaveGroup), committed offsets, and group administration. Group
 * state and transitions live in Group, timers and parked requests in Rebalancer, the
 * JoinGroup rules in GroupJoins, the OffsetCommit rules in offset-commits.ts.
 */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly store: OffsetStore;
  private readonly scheduler: Scheduler;
  private readonly rebalancer: Rebalancer;
  private readonly joins: GroupJoins;
  private closed = false;

  constructor(options: GroupCoordinatorOptions) {
    this.store = options.offsetStore;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.rebalancer = new Rebalancer(this.scheduler, options.initialRebalanceDelayMs ?? 3000);
    this.joins = new GroupJoins(this.groups, this.rebalancer, {
      minMs: options.minSessionTimeoutMs ?? 6000,
      maxMs: options.maxSessionTimeoutMs ?? 1_800_000,
    });
    // Groups known only by their committed offsets are Empty groups, as Kafka loads them.
    for (const groupId of this.store.groupIds()) this.groups.set(groupId, new Group(groupId, ''));
  }

  async joinGroup(req: JoinGroupRequest): Promise<JoinGroupResult> {
    if (this.closed) return joinError(req.memberId, 'COORDINATOR_NOT_AVAILABLE');
    return this.joins.join(req);
  }

  async syncGroup(req: SyncGroupRequest): Promise<SyncGroupResult> {
    const found = this.memberOf(req);
    if (typeof found === 'string') return syncError(found);
    const { group, member } = found;
    if (group.is('PreparingRebalance')) return syncError('REBALANCE_IN_PROGRESS');
    this.rebalancer.heartbeat(group, member);
    if (group.is('Stable')) return { errorCode: errorCode('NONE'), assignment: member.assignment };
    // CompletingRebalance: followers wait for the leader's assignments.
    const answer = this.rebalancer.awaitSync(group, member);
    if (member.memberId === group.leaderId) this.rebalancer.completeSync(group, req.assignments);
    return answer;
  }

  heartbeat(req: HeartbeatRequest): HeartbeatResult {
    const found = this.memberOf(req);
    if (typeof found === 'string') return { errorCode: errorCode(found) };
    this.rebalancer.heartbeat(found.group, found.member);
    // How members learn that they must rejoin.
    return { errorCode: errorCode(found.group.is('PreparingRebalance') ? 'REBALANCE_IN_PROGRESS' : 'NONE') };
  }

  /** The checks SyncGroup and Heartbeat share, in Kafka's order. */
  private memberOf(req: HeartbeatRequest): { group: Group; member: Member } | KafkaErrorType {
    if (this.closed) return 'COORDINATOR_NOT_AVAILABLE';
    if (req.groupId === '') return 'INVALID_GROUP_ID';
    const group = this.groups.get(req.groupId);
    if (!group) return 'UNKNOWN_MEMBER_ID';
    if (group.is('Dead')) return 'COORDINATOR_NOT_AVAILABLE';
    if (group.isStaticMemberFenced(req.memberId, req.groupInstanceId)) return 'FENCED_INSTANCE_ID';
    const member = group.get(req.memberId);
    if (!member) return 'UNKNOWN_MEMBER_ID';
    if (req.generationId !== group.generationId) return 'ILLEGAL_GENERATION';
    return { group, member };
  }

  leaveGroup(req: LeaveGroupRequest): LeaveGroupResult {
    const refuse = (type: KafkaErrorType): LeaveGroupResult => ({ errorCode: errorCode(type), members: [] });
    if (this.closed) return refuse('COORDINATOR_NOT_AVAILABLE');
    if (req.groupId === '') return refuse('INVALID_GROUP_ID');
    const group = this.groups.get(req.groupId);
    if (group?.is('Dead')) return refuse('COORDINATOR_NOT_AVAILABLE');
    const members = req.members.map((m) => ({ ...m, errorCode: errorCode(group ? this.leave(group, m) : 'UNKNOWN_MEMBER_ID') }));
    return { errorCode: errorCode('NONE'), members };
  }

  private leave(group: Group, leaving: { memberId: string; groupInstanceId: string | null }): KafkaErrorType {
    const { memberId, groupInstanceId } = leaving;
    if (memberId !== '' && group.isStaticMemberFenced(memberId, groupInstanceId)) return 'FENCED_INSTANCE_ID';
    if (group.pendingMembers.has(memberId)) {
      this.rebalancer.removePendingMember(group, memberId);
      return 'NONE';
    }
    const target = group.staticMemberId(groupInstanceId) ?? memberId;
    if (!group.get(target)) return 'UNKNOWN_MEMBER_ID';
    this.rebalancer.removeMember(group, target);
    return 'NONE';
  }

  async commitOffsets(req: OffsetCommitRequest): Promise<OffsetCommitResult> {
    if (this.closed) return refuseCommit(req, 'COORDINATOR_NOT_AVAILABLE');
    if (req.groupId === '') return refuseCommit(req, 'INVALID_GROUP_ID');
    let group = this.groups.get(req.groupId);
    const refusal = commitRefusal(group, req);
    if (refusal) return refuseCommit(req, refusal);
    // A commit from outside group management makes the group known (listed, describable).
    if (!group) this.groups.set(req.groupId, (group = new Group(req.groupId, '')));
    const member = group.get(req.memberId);
    if (member) this.rebalancer.heartbeat(group, member);
    return storeCommit(this.store, req, this.scheduler.now());
  }

  fetchOffsets(groupId: string, topics: readonly OffsetFetchTopic[] | null): OffsetFetchResult {
    if (this.closed) return { errorCode: errorCode('COORDINATOR_NOT_AVAILABLE'), topics: [] };
    if (groupId === '') return { errorCode: errorCode('INVALID_GROUP_ID'), topics: [] };
    return fetchCommitted(this.store, groupId, topics);
  }

  describeGroups(groupIds: readonly string[]): DescribedGroup[] {
    return groupIds.map((groupId) => {
      const group = this.groups.get(groupId);
      if (group && groupId !== '') return group.describe();
      const code = errorCode(groupId === '' ? 'INVALID_GROUP_ID' : 'NONE');
      return { errorCode: code, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [] };
    });
  }

  listGroups(): ListGroupsResult {
    const groups = [...this.groups.values()]
      .filter((g) => !g.is('Dead'))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state }));
    return { errorCode: errorCode('NONE'), groups };
  }

  /** DeleteGroups: only Empty groups, and their committed offsets go too, durably. */
  deleteGroups(groupIds: readonly string[]): Promise<DeleteGroupResult[]> {
    return Promise.all(groupIds.map(async (groupId) => ({ groupId, errorCode: errorCode(await this.delete(groupId)) })));
  }

  private async delete(groupId: string): Promise<KafkaErrorType> {
    if (this.closed) return 'COORDINATOR_NOT_AVAILABLE';
    if (groupId === '') return 'INVALID_GROUP_ID';
    const group = this.groups.get(groupId);
    if (!group || group.is('Dead')) return 'GROUP_ID_NOT_FOUND';
    if (!group.is('Empty')) return 'NON_EMPTY_GROUP';
    // Dead at once, so requests arriving while the deletion is written are refused.
    group.transitionTo('Dead');
    this.rebalancer.forget(group);
    try {
      await this.store.deleteGroup(groupId);
      return 'NONE';
    } catch {
      // The offsets may still be on disk: keep the group visible, as an Empty one.
      this.groups.set(groupId, new Group(groupId, group.protocolType));
      return 'COORDINATOR_NOT_AVAILABLE';
    } finally {
      if (this.groups.get(groupId) === group) this.groups.delete(groupId);
    }
  }

  /** Stops every timer, answers parked requests with COORDINATOR_NOT_AVAILABLE, closes the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.rebalancer.close();
    await this.store.close();
  }
}
