/**
 * The broker's consumer-group coordinator (Apache Kafka's GroupCoordinator, classic protocol).
 *
 *   const offsetStore = await FileOffsetStore.open(join(dataDir, 'consumer-offsets.log'));
 *   const groups = new GroupCoordinator({
 *     offsetStore,                      // owned: groups.close() closes it
 *     initialRebalanceDelayMs: 3000,    // group.initial.rebalance.delay.ms
 *     minSessionTimeoutMs: 6000,        // group.min.session.timeout.ms
 *     maxSessionTimeoutMs: 1_800_000,   // group.max.session.timeout.ms
 *   });
 *
 * Wire request -> call (every answer carries Kafka error codes as numbers):
 *   JoinGroup v0-v5      await groups.joinGroup({ apiVersion, clientId, clientHost, ...request })
 *                        v0 has no rebalanceTimeoutMs: pass sessionTimeoutMs. Resolves when the
 *                        join phase ends (or at once with MEMBER_ID_REQUIRED for v4+).
 *   SyncGroup v0-v3      await groups.syncGroup(request); a follower's resolves with the leader's.
 *   Heartbeat v0-v3      groups.heartbeat(request)                    (synchronous)
 *   LeaveGroup v0-v3     groups.leaveGroup({ groupId, members })      (synchronous; v0-v2: one
 *                        member, answer with members[0].errorCode when errorCode is NONE)
 *   OffsetCommit v0-v5   await groups.commitOffsets(request); resolves once durable. v0 and
 *                        simple consumers send generationId -1 and memberId "".
 *   OffsetFetch v1-v4    groups.fetchOffsets(groupId, topics | null)  (null: all, v2+)
 *   DescribeGroups       groups.describeGroups(groupIds)
 *   ListGroups           groups.listGroups()
 *   DeleteGroups         await groups.deleteGroups(groupIds)
 *   shutdown             await groups.close(): stops timers, answers parked requests with
 *                        COORDINATOR_NOT_AVAILABLE, flushes and closes the offset store.
 *
 * Not checked here: whether committed topics exist (UNKNOWN_TOPIC_OR_PARTITION is the
 * caller's, who knows the topics), authorization, and FindCoordinator (this node always is).
 */
export { GroupCoordinator, type GroupCoordinatorOptions } from './group-coordinator';
export type {
  DeleteGroupResult, DescribedGroup, DescribedMember, HeartbeatRequest, HeartbeatResult, JoinGroupMember,
  JoinGroupRequest, JoinGroupResult, LeaveGroupRequest, LeaveGroupResult, LeavingMember, ListedGroup,
  ListGroupsResult, SyncGroupRequest, SyncGroupResult,
} from './group-api';
export type { GroupState } from './group-state';
export type { MemberProtocol } from './member';
export type {
  OffsetCommitRequest, OffsetCommitRequestPartition, OffsetCommitResult, OffsetFetchPartition, OffsetFetchResult,
  OffsetFetchTopic,
} from './offset-api';
export { MAX_OFFSET_METADATA_BYTES } from './offset-commits';
export type { CommittedOffset, GroupOffsets, OffsetCommitRecord, OffsetStore } from './offset-store';
export { FileOffsetStore, type FileOffsetStoreOptions } from './file-offset-store';
export { MemoryOffsetStore } from './memory-offset-store';
export { systemScheduler, type Scheduler } from './scheduler';
export { ManualScheduler } from './manual-scheduler';
