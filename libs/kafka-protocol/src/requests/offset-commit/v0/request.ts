import type { Decoder } from '../../../decoder';
import type { OffsetCommitRequest, OffsetCommitRequestPartition, OffsetCommitRequestTopic } from '../types';

/**
 * OffsetCommit Request (Version: 0) => group_id [topics]
 *   group_id => STRING
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index committed_offset committed_metadata
 *       partition_index => INT32
 *       committed_offset => INT64
 *       committed_metadata => NULLABLE_STRING
 */
export function decode(d: Decoder): OffsetCommitRequest {
  const groupId = d.string();
  return { groupId, generationId: -1, memberId: '', retentionTimeMs: -1, topics: readTopics(d) };
}

/** [topics], with the partition layout of the version at hand (v0's unless given). */
export function readTopics(d: Decoder, readPartition = partition): OffsetCommitRequestTopic[] {
  return d.array((d) => ({ name: d.string(), partitions: d.array(readPartition) }));
}

function partition(d: Decoder): OffsetCommitRequestPartition {
  return { partitionIndex: d.int32(), committedOffset: d.int64(), commitTimestamp: -1, committedMetadata: d.nullableString() };
}
