import { errorCode } from '@tributary/kafka-protocol';
import type { DescribedGroup, JoinGroupMember, JoinGroupResult, SyncGroupRequest } from './group-api';
import { canTransition, type GroupState } from './group-state';
import { EMPTY_BYTES, metadataFor, type Member, type MemberProtocol } from './member';
import { selectProtocol } from './protocol-selection';

/**
 * One consumer group's state and transitions (Kafka's GroupMetadata), free of timers and
 * I/O: GroupCoordinator decides when things happen, this decides what happens.
 */
export class Group {
  private current: GroupState = 'Empty';
  generationId = 0;
  /** The chosen assignor of the current generation; null while Empty. */
  protocolName: string | null = null;
  leaderId: string | null = null;
  readonly members = new Map<string, Member>();
  /** KIP-394: ids handed out with MEMBER_ID_REQUIRED whose owners have not rejoined yet. */
  readonly pendingMembers = new Set<string>();
  private readonly staticMembers = new Map<string, string>();
  /** A member joined during the initial rebalance delay, which then waits another round. */
  newMemberAdded = false;

  constructor(
    readonly groupId: string,
    /** Set by the first member; kept while Empty, as Kafka lists it. "" for offset-only groups. */
    public protocolType: string | null = null,
  ) {}

  get state(): GroupState {
    return this.current;
  }

  is(state: GroupState): boolean {
    return this.current === state;
  }

  transitionTo(state: GroupState): void {
    if (!canTransition(this.current, state)) {
      throw new Error(`group ${this.groupId}: illegal transition ${this.current} -> ${state}`);
    }
    this.current = state;
  }

  get(memberId: string): Member | undefined {
    return this.members.get(memberId);
  }

  staticMemberId(groupInstanceId: string | null): string | undefined {
    return groupInstanceId === null ? undefined : this.staticMembers.get(groupInstanceId);
  }

  /** KIP-345: a known instance id presented with another member id is a stale (zombie) instance. */
  isStaticMemberFenced(memberId: string, groupInstanceId: string | null): boolean {
    const owner = this.staticMemberId(groupInstanceId);
    return owner !== undefined && owner !== memberId;
  }

  /** Adds a member that has just joined (it waits for the join phase to end). */
  add(member: Member): void {
    if (this.members.size === 0) this.protocolType = member.protocolType;
    this.members.set(member.memberId, member);
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    this.leaderId ??= member.memberId;
    this.pendingMembers.delete(member.memberId);
    member.awaitingJoin = true;
  }

  /** A known member rejoins, possibly with new protocols or timeouts. */
  update(member: Member, protocols: readonly MemberProtocol[], rebalanceTimeoutMs: number, sessionTimeoutMs: number): void {
    member.protocols = protocols;
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    member.awaitingJoin = true;
  }

  /** Removes a member; a departing leader passes leadership to the next member. */
  remove(memberId: string): Member | undefined {
    const member = this.members.get(memberId);
    if (!member) return undefined;
    this.members.delete(memberId);
    if (member.groupInstanceId !== null && this.staticMembers.get(member.groupInstanceId) === memberId) {
      this.staticMembers.delete(member.groupInstanceId);
    }
    if (this.leaderId === memberId) this.leaderId = this.members.keys().next().value ?? null;
    return member;
  }

  /**
   * A static member restarted and joined with no member id: it keeps its place (and its
   * assignment) under a new member id; the old id is fenced from now on.
   */
  replaceStaticMember(groupInstanceId: string, newMemberId: string): { member: Member; oldMemberId: string } {
    const oldMemberId = this.staticMembers.get(groupInstanceId);
    const member = oldMemberId === undefined ? undefined : this.members.get(oldMemberId);
    if (oldMemberId === undefined || !member) throw new Error(`group ${this.groupId}: no static member ${groupInstanceId}`);
    this.members.delete(oldMemberId);
    member.memberId = newMemberId;
    member.awaitingJoin = false;
    member.awaitingSync = false;
    this.members.set(newMemberId, member);
    this.staticMembers.set(groupInstanceId, newMemberId);
    if (this.leaderId === oldMemberId) this.leaderId = newMemberId;
    return { member, oldMemberId };
  }

  /** The join phase may end early: every member has rejoined and no KIP-394 joiner is due. */
  allMembersJoined(): boolean {
    return this.pendingMembers.size === 0 && [...this.members.values()].every((m) => m.awaitingJoin);
  }

  /** How long a join phase may last: the longest rebalance timeout among the members. */
  rebalanceTimeoutMs(): number {
    return Math.max(0, ...[...this.members.values()].map((m) => m.rebalanceTimeoutMs));
  }

  /**
   * Ends the join phase (Kafka's onCompleteJoin): dynamic members that did not rejoin are
   * dropped (static ones keep their place), a leader that did not rejoin hands over to one
   * that did, and the next generation starts. Returns the dropped members and the answer for
   * every member waiting on its JoinGroup: the leader gets all members' metadata.
   */
  completeJoin(): { removed: Member[]; answers: Map<string, JoinGroupResult> } {
    const removed = [...this.members.values()].filter((m) => !m.awaitingJoin && m.groupInstanceId === null);
    for (const m of removed) this.remove(m.memberId);
    const leader = this.leaderId === null ? undefined : this.members.get(this.leaderId);
    if (!leader?.awaitingJoin) {
      this.leaderId = [...this.members.values()].find((m) => m.awaitingJoin)?.memberId ?? this.leaderId;
    }
    this.generationId += 1;
    const answers = new Map<string, JoinGroupResult>();
    if (this.members.size === 0) {
      this.protocolName = null;
      this.transitionTo('Empty');
      return { removed, answers };
    }
    this.protocolName = selectProtocol([...this.members.values()]);
    this.transitionTo('CompletingRebalance');
    for (const m of this.members.values()) {
      if (!m.awaitingJoin) continue;
      m.awaitingJoin = false;
      answers.set(m.memberId, this.currentJoinResult(m.memberId));
    }
    return { removed, answers };
  }

  /** The current generation as a JoinGroup answer for one member. */
  currentJoinResult(memberId: string): JoinGroupResult {
    const isLeader = memberId === this.leaderId;
    return {
      errorCode: errorCode('NONE'),
      generationId: this.generationId,
      protocolType: this.protocolType,
      protocolName: this.protocolName ?? '',
      leader: this.leaderId ?? '',
      memberId,
      members: isLeader ? this.joinMembers() : [],
    };
  }

  private joinMembers(): JoinGroupMember[] {
    return [...this.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: metadataFor(m, this.protocolName),
    }));
  }

  /** The leader's SyncGroup: every member gets its assignment (empty if the leader gave none). */
  completeSync(assignments: SyncGroupRequest['assignments']): Map<string, Buffer> {
    const given = new Map(assignments.map((a) => [a.memberId, a.assignment]));
    const result = new Map<string, Buffer>();
    for (const m of this.members.values()) {
      m.assignment = given.get(m.memberId) ?? EMPTY_BYTES;
      m.awaitingSync = false;
      result.set(m.memberId, m.assignment);
    }
    this.transitionTo('Stable');
    return result;
  }

  /** A rebalance interrupted CompletingRebalance: the pending assignments are void. */
  resetAssignments(): void {
    for (const m of this.members.values()) {
      m.assignment = EMPTY_BYTES;
      m.awaitingSync = false;
    }
  }

  /** DescribeGroups' view: protocol, metadata and assignments only once Stable, as in Kafka. */
  describe(): DescribedGroup {
    const stable = this.is('Stable');
    return {
      errorCode: errorCode('NONE'),
      groupId: this.groupId,
      groupState: this.current,
      protocolType: this.protocolType ?? '',
      protocolData: stable ? (this.protocolName ?? '') : '',
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable ? metadataFor(m, this.protocolName) : EMPTY_BYTES,
        memberAssignment: stable ? m.assignment : EMPTY_BYTES,
      })),
    };
  }
}
