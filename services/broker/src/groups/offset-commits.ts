import { errorCode, type KafkaErrorType } from '@tributary/kafka-protocol';
import type { Group } from './group';
import type { OffsetCommitRequest, OffsetCommitResult, OffsetFetchResult, OffsetFetchTopic } from './offset-api';
import type { OffsetCommitRecord, OffsetStore } from './offset-store';

/** Kafka's offset.metadata.max.bytes default. */
export const MAX_OFFSET_METADATA_BYTES = 4096;

/**
 * Whether a group accepts a commit (Kafka's GroupCoordinator.handleCommitOffsets): a commit
 * with a negative generation comes from outside group management and is fine for an unknown
 * or Empty group; otherwise the member and generation must be current. Commits are accepted
 * during PreparingRebalance (the member learns of the rebalance from its next heartbeat) but
 * not during CompletingRebalance, whose assignment is not known yet. Null means accepted.
 */
export function commitRefusal(group: Group | undefined, req: OffsetCommitRequest): KafkaErrorType | null {
  if (!group) return req.generationId < 0 ? null : 'ILLEGAL_GENERATION';
  if (group.is('Dead')) return 'COORDINATOR_NOT_AVAILABLE';
  if (group.isStaticMemberFenced(req.memberId, req.groupInstanceId ?? null)) return 'FENCED_INSTANCE_ID';
  if (req.generationId < 0 && group.is('Empty')) return null;
  if (!group.get(req.memberId)) return 'UNKNOWN_MEMBER_ID';
  if (req.generationId !== group.generationId) return 'ILLEGAL_GENERATION';
  if (group.is('CompletingRebalance')) return 'REBALANCE_IN_PROGRESS';
  return null;
}

/** The same error for every partition of the request. */
export function refuseCommit(req: OffsetCommitRequest, type: KafkaErrorType): OffsetCommitResult {
  const code = errorCode(type);
  return {
    topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: code })) })),
  };
}

/**
 * Stores an accepted commit and answers per partition once it is durable. A partition whose
 * metadata is too large is refused alone, as in Kafka; a store failure answers
 * COORDINATOR_NOT_AVAILABLE, which clients retry after finding the coordinator again.
 */
export async function storeCommit(store: OffsetStore, req: OffsetCommitRequest, now: number): Promise<OffsetCommitResult> {
  const records: OffsetCommitRecord[] = [];
  const codes = req.topics.map((t) =>
    t.partitions.map((p) => {
      const metadata = p.committedMetadata ?? '';
      if (Buffer.byteLength(metadata, 'utf8') > MAX_OFFSET_METADATA_BYTES) return errorCode('OFFSET_METADATA_TOO_LARGE');
      records.push({
        groupId: req.groupId,
        topic: t.name,
        partition: p.partitionIndex,
        offset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch ?? -1,
        metadata,
        commitTimestamp: p.commitTimestamp !== undefined && p.commitTimestamp >= 0 ? p.commitTimestamp : now,
      });
      return errorCode('NONE');
    }),
  );
  const stored = await store.commit(records).then(
    () => true,
    () => false,
  );
  return {
    topics: req.topics.map((t, i) => ({
      name: t.name,
      partitions: t.partitions.map((p, j) => ({
        partitionIndex: p.partitionIndex,
        errorCode: stored || codes[i][j] !== errorCode('NONE') ? codes[i][j] : errorCode('COORDINATOR_NOT_AVAILABLE'),
      })),
    })),
  };
}

/** OffsetFetch: the requested partitions (or, for null, all the group has committed); -1 when none. */
export function fetchCommitted(store: OffsetStore, groupId: string, topics: readonly OffsetFetchTopic[] | null): OffsetFetchResult {
  const offsets = store.offsets(groupId);
  const wanted = topics ?? [...offsets].map(([name, partitions]) => ({ name, partitionIndexes: [...partitions.keys()] }));
  return {
    errorCode: errorCode('NONE'),
    topics: wanted.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => {
        const committed = offsets.get(t.name)?.get(partitionIndex);
        return {
          partitionIndex,
          committedOffset: committed?.offset ?? -1,
          committedLeaderEpoch: committed?.leaderEpoch ?? -1,
          metadata: committed?.metadata ?? '',
          errorCode: errorCode('NONE'),
        };
      }),
    })),
  };
}
