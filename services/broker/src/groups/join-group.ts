import { randomUUID } from 'node:crypto';
import type { KafkaErrorType } from '@tributary/kafka-protocol';
import { Group } from './group';
import type { JoinGroupRequest, JoinGroupResult } from './group-api';
import { EMPTY_BYTES, sameProtocols, type Member } from './member';
import { selectProtocol, supportsProtocols } from './protocol-selection';
import { joinError, type Rebalancer } from './rebalancer';

/**
 * JoinGroup (Kafka's GroupCoordinator.handleJoinGroup): who may join, under which member id,
 * and whether the join starts a rebalance or is answered from the current generation.
 */
export class GroupJoins {
  constructor(
    private readonly groups: Map<string, Group>,
    private readonly rebalancer: Rebalancer,
    /** Kafka's group.min.session.timeout.ms and group.max.session.timeout.ms. */
    private readonly sessionTimeouts: { readonly minMs: number; readonly maxMs: number },
  ) {}

  join(req: JoinGroupRequest): Promise<JoinGroupResult> | JoinGroupResult {
    const refusal = this.joinRefusal(req);
    if (refusal) return joinError(req.memberId, refusal);
    let group = this.groups.get(req.groupId);
    if (!group) this.groups.set(req.groupId, (group = new Group(req.groupId)));
    return req.memberId === '' ? this.joinNewMember(group, req) : this.rejoin(group, req);
  }

  private joinRefusal(req: JoinGroupRequest): KafkaErrorType | null {
    if (req.groupId === '') return 'INVALID_GROUP_ID';
    if (req.sessionTimeoutMs < this.sessionTimeouts.minMs || req.sessionTimeoutMs > this.sessionTimeouts.maxMs) {
      return 'INVALID_SESSION_TIMEOUT';
    }
    const group = this.groups.get(req.groupId);
    if (group?.is('Dead')) return 'COORDINATOR_NOT_AVAILABLE';
    if (!group && req.memberId !== '') return 'UNKNOWN_MEMBER_ID';
    const names = req.protocols.map((p) => p.name);
    return supportsProtocols(group, req.protocolType, names) ? null : 'INCONSISTENT_GROUP_PROTOCOL';
  }

  private joinNewMember(group: Group, req: JoinGroupRequest): Promise<JoinGroupResult> | JoinGroupResult {
    const memberId = `${req.clientId}-${randomUUID()}`;
    if (req.groupInstanceId !== null && group.staticMemberId(req.groupInstanceId) !== undefined) {
      return this.rejoinStaticMember(group, memberId, req);
    }
    // KIP-394: a v4+ dynamic member must come back with the id we give it, so a client that
    // times out and retries does not leave a ghost member behind to stall the next rebalance.
    if (req.apiVersion >= 4 && req.groupInstanceId === null) {
      group.pendingMembers.add(memberId);
      this.rebalancer.expirePendingMember(group, memberId, req.sessionTimeoutMs);
      return joinError(memberId, 'MEMBER_ID_REQUIRED');
    }
    return this.addMember(group, memberId, req);
  }

  private addMember(group: Group, memberId: string, req: JoinGroupRequest): Promise<JoinGroupResult> {
    const member: Member = {
      memberId,
      groupInstanceId: req.groupInstanceId,
      clientId: req.clientId,
      clientHost: req.clientHost,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      sessionTimeoutMs: req.sessionTimeoutMs,
      protocolType: req.protocolType,
      protocols: req.protocols,
      assignment: EMPTY_BYTES,
      awaitingJoin: false,
      awaitingSync: false,
    };
    group.add(member);
    if (group.is('PreparingRebalance')) group.newMemberAdded = true;
    const answer = this.rebalancer.awaitJoin(group, memberId);
    this.rebalancer.heartbeat(group, member);
    this.rebalancer.memberJoined(group);
    return answer;
  }

  private rejoin(group: Group, req: JoinGroupRequest): Promise<JoinGroupResult> | JoinGroupResult {
    const { memberId } = req;
    if (group.pendingMembers.has(memberId)) return this.addMember(group, memberId, req);
    if (group.isStaticMemberFenced(memberId, req.groupInstanceId)) return joinError(memberId, 'FENCED_INSTANCE_ID');
    const member = group.get(memberId);
    if (!member) return joinError(memberId, 'UNKNOWN_MEMBER_ID');
    this.rebalancer.heartbeat(group, member);
    const unchanged = sameProtocols(member.protocols, req.protocols);
    // A member that lost its JoinGroup answer asks again: same metadata needs no new
    // rebalance, except from the leader of a stable group, which rejoins to force one
    // (e.g. its subscription's topics changed).
    if (unchanged && group.is('CompletingRebalance')) return group.currentJoinResult(memberId);
    if (unchanged && group.is('Stable') && memberId !== group.leaderId) return group.currentJoinResult(memberId);
    group.update(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs);
    const answer = this.rebalancer.awaitJoin(group, memberId);
    this.rebalancer.memberJoined(group);
    return answer;
  }

  /**
   * KIP-345: a static member restarted. It takes over its old place under a new member id
   * (the old id is fenced); a stable group whose chosen protocol stays the same does not
   * rebalance, and the answer names the old leader so no member thinks it must reassign.
   */
  private rejoinStaticMember(group: Group, memberId: string, req: JoinGroupRequest): Promise<JoinGroupResult> | JoinGroupResult {
    const previousLeader = group.leaderId ?? '';
    const { member, oldMemberId } = group.replaceStaticMember(req.groupInstanceId as string, memberId);
    this.rebalancer.release(group, oldMemberId, 'FENCED_INSTANCE_ID');
    group.update(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs);
    this.rebalancer.heartbeat(group, member);
    if (group.is('Stable') && selectProtocol([...group.members.values()]) === group.protocolName) {
      member.awaitingJoin = false;
      return { ...group.currentJoinResult(memberId), leader: previousLeader, members: [] };
    }
    const answer = this.rebalancer.awaitJoin(group, memberId);
    // In CompletingRebalance the leader may already be assigning to the old id: start over.
    if (group.is('CompletingRebalance')) this.rebalancer.prepareRebalance(group);
    this.rebalancer.memberJoined(group);
    return answer;
  }
}
