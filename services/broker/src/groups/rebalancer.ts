import { errorCode, type KafkaErrorType } from '@tributary/kafka-protocol';
import { Deadlines } from './deadlines';
import type { Group } from './group';
import type { JoinGroupResult, SyncGroupResult } from './group-api';
import { EMPTY_BYTES, type Member } from './member';
import { ParkedRequests } from './parked-requests';
import type { Scheduler } from './scheduler';

export function joinError(memberId: string, type: KafkaErrorType): JoinGroupResult {
  return { errorCode: errorCode(type), generationId: -1, protocolType: null, protocolName: '', leader: '', memberId, members: [] };
}

export function syncError(type: KafkaErrorType): SyncGroupResult {
  return { errorCode: errorCode(type), assignment: EMPTY_BYTES };
}

/**
 * Moves groups through time: parks JoinGroup and SyncGroup requests until their phase ends,
 * and runs the timers Kafka keeps in its purgatories: each member's session deadline, the
 * join phase's rebalance timeout (with the initial delay of an empty group), and the wait
 * for the leader's SyncGroup.
 */
export class Rebalancer {
  private readonly deadlines: Deadlines;
  private readonly joins = new ParkedRequests<JoinGroupResult>();
  private readonly syncs = new ParkedRequests<SyncGroupResult>();
  /** Groups in group.initial.rebalance.delay.ms: their join phase does not end early. */
  private readonly delayed = new Set<Group>();

  constructor(
    scheduler: Scheduler,
    private readonly initialRebalanceDelayMs: number,
  ) {
    this.deadlines = new Deadlines(scheduler);
  }

  awaitJoin(group: Group, memberId: string): Promise<JoinGroupResult> {
    return this.joins.park(group.groupId, memberId, joinError(memberId, 'REBALANCE_IN_PROGRESS'));
  }

  awaitSync(group: Group, member: Member): Promise<SyncGroupResult> {
    member.awaitingSync = true;
    return this.syncs.park(group.groupId, member.memberId, syncError('REBALANCE_IN_PROGRESS'));
  }

  /** A member joined or rejoined: start a rebalance unless one is under way, and end it if all are in. */
  memberJoined(group: Group): void {
    if (group.is('Stable') || group.is('CompletingRebalance') || group.is('Empty')) this.prepareRebalance(group);
    this.tryCompleteJoin(group);
  }

  /** Pushes the member's session deadline back (a heartbeat, or any request proving it alive). */
  heartbeat(group: Group, member: Member): void {
    const memberId = member.memberId;
    this.deadlines.set(sessionKey(group, memberId), member.sessionTimeoutMs, () => this.sessionExpired(group, memberId));
  }

  /** KIP-394: an id handed out with MEMBER_ID_REQUIRED is forgotten if not used within a session. */
  expirePendingMember(group: Group, memberId: string, sessionTimeoutMs: number): void {
    this.deadlines.set(sessionKey(group, memberId), sessionTimeoutMs, () => this.removePendingMember(group, memberId));
  }

  removePendingMember(group: Group, memberId: string): void {
    if (group.pendingMembers.delete(memberId)) this.tryCompleteJoin(group);
  }

  /** Drops a member and lets the group react: a stable group rebalances, a joining one may finish. */
  removeMember(group: Group, memberId: string, answer: KafkaErrorType = 'UNKNOWN_MEMBER_ID'): void {
    if (!group.remove(memberId)) return;
    this.release(group, memberId, answer);
    if (group.is('Stable') || group.is('CompletingRebalance')) this.prepareRebalance(group);
    this.tryCompleteJoin(group);
  }

  /** Answers whatever a member id still has parked and stops its session deadline. */
  release(group: Group, memberId: string, answer: KafkaErrorType): void {
    this.deadlines.clear(sessionKey(group, memberId));
    this.joins.answer(group.groupId, memberId, joinError(memberId, answer));
    this.syncs.answer(group.groupId, memberId, syncError(answer));
  }

  prepareRebalance(group: Group): void {
    if (group.is('CompletingRebalance')) {
      const waiting = [...group.members.values()].filter((m) => m.awaitingSync);
      group.resetAssignments();
      for (const member of waiting) this.answerSync(group, member, syncError('REBALANCE_IN_PROGRESS'));
    }
    this.deadlines.clear(syncKey(group));
    const wasEmpty = group.is('Empty');
    group.transitionTo('PreparingRebalance');
    if (wasEmpty && this.initialRebalanceDelayMs > 0) {
      group.newMemberAdded = false;
      const delay = this.initialRebalanceDelayMs;
      this.delayed.add(group);
      this.delayJoin(group, delay, Math.max(group.rebalanceTimeoutMs() - delay, 0));
    } else {
      this.deadlines.set(joinKey(group), group.rebalanceTimeoutMs(), () => this.completeJoin(group));
    }
  }

  /**
   * Kafka's InitialDelayedJoin: wait `delay`; if members kept arriving, wait again, never
   * beyond the rebalance timeout in total, so members starting together share a generation.
   */
  private delayJoin(group: Group, delay: number, remaining: number): void {
    this.deadlines.set(joinKey(group), delay, () => {
      if (group.newMemberAdded && remaining > 0) {
        group.newMemberAdded = false;
        const next = Math.min(delay, remaining);
        this.delayJoin(group, next, remaining - next);
      } else {
        this.completeJoin(group);
      }
    });
  }

  tryCompleteJoin(group: Group): void {
    if (group.is('PreparingRebalance') && !this.delayed.has(group) && group.allMembersJoined()) this.completeJoin(group);
  }

  private completeJoin(group: Group): void {
    this.deadlines.clear(joinKey(group));
    this.delayed.delete(group);
    if (!group.is('PreparingRebalance')) return;
    const { removed, answers } = group.completeJoin();
    for (const member of removed) this.release(group, member.memberId, 'UNKNOWN_MEMBER_ID');
    for (const member of group.members.values()) this.heartbeat(group, member);
    for (const [memberId, answer] of answers) this.joins.answer(group.groupId, memberId, answer);
    if (!group.is('CompletingRebalance')) return;
    // Kafka 3.x (KAFKA-13127): members that do not send SyncGroup within the rebalance
    // timeout are dropped, or followers would wait forever on a leader that only heartbeats.
    const generationId = group.generationId;
    this.deadlines.set(syncKey(group), group.rebalanceTimeoutMs(), () => {
      if (!group.is('CompletingRebalance') || group.generationId !== generationId) return;
      const silent = [...group.members.values()].filter((m) => !m.awaitingSync).map((m) => m.memberId);
      for (const memberId of silent) this.removeMember(group, memberId);
    });
  }

  /** The leader's SyncGroup: the group becomes Stable and every parked SyncGroup gets its assignment. */
  completeSync(group: Group, assignments: Parameters<Group['completeSync']>[0]): void {
    this.deadlines.clear(syncKey(group));
    for (const [memberId, assignment] of group.completeSync(assignments)) {
      const member = group.get(memberId);
      if (member) this.answerSync(group, member, { errorCode: errorCode('NONE'), assignment });
    }
  }

  /** Answers a parked SyncGroup; the member's session restarts then, as it could not heartbeat while parked. */
  private answerSync(group: Group, member: Member, answer: SyncGroupResult): void {
    if (this.syncs.answer(group.groupId, member.memberId, answer)) this.heartbeat(group, member);
  }

  private sessionExpired(group: Group, memberId: string): void {
    const member = group.get(memberId);
    if (!member) return;
    // Kafka's shouldKeepAlive: a member blocked on JoinGroup or SyncGroup cannot heartbeat;
    // the rebalance and sync deadlines bound how long it may wait.
    if (member.awaitingJoin || member.awaitingSync) return this.heartbeat(group, member);
    this.removeMember(group, memberId);
  }

  /** Stops a deleted group's timers. */
  forget(group: Group): void {
    this.deadlines.clear(joinKey(group));
    this.deadlines.clear(syncKey(group));
    this.delayed.delete(group);
  }

  /** Stops every timer and answers every parked request with COORDINATOR_NOT_AVAILABLE. */
  close(): void {
    this.deadlines.clearAll();
    this.delayed.clear();
    this.joins.answerAll((memberId) => joinError(memberId, 'COORDINATOR_NOT_AVAILABLE'));
    this.syncs.answerAll(() => syncError('COORDINATOR_NOT_AVAILABLE'));
  }
}

const sessionKey = (group: Group, memberId: string): string => `session\0${group.groupId}\0${memberId}`;
const joinKey = (group: Group): string => `join\0${group.groupId}`;
const syncKey = (group: Group): string => `sync\0${group.groupId}`;
