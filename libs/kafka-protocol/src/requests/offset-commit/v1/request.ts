import type { Decoder } from '../../../decoder';
import type { OffsetCommitRequest, OffsetCommitRequestPartition } from '../types';
import { readTopics } from '../v0/request';

/**
 * OffsetCommit Request (Version: 1) => group_id generation_id member_id [topics]
 *   group_id => STRING
 *   generation_id => INT32 (new)
 *   member_id => STRING (new)
 *   topics => name [partitions] (as in v0, but)
 *     partitions => partition_index committed_offset commit_timestamp committed_metadata
 *       commit_timestamp => INT64 (new, v1 only)
 */
export function decode(d: Decoder): OffsetCommitRequest {
  return { ...readMember(d), retentionTimeMs: -1, topics: readTopics(d, partition) };
}

/** group_id generation_id member_id: how every later version begins. */
export function readMember(d: Decoder): Pick<OffsetCommitRequest, 'groupId' | 'generationId' | 'memberId'> {
  return { groupId: d.string(), generationId: d.int32(), memberId: d.string() };
}

function partition(d: Decoder): OffsetCommitRequestPartition {
  return { partitionIndex: d.int32(), committedOffset: d.int64(), commitTimestamp: d.int64(), committedMetadata: d.nullableString() };
}
