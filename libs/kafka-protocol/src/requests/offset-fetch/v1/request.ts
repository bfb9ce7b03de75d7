import type { Decoder } from '../../../decoder';
import type { OffsetFetchRequest, OffsetFetchRequestTopic } from '../types';

/**
 * OffsetFetch Request (Version: 1) => group_id [topics]
 *   group_id => STRING
 *   topics => name [partition_indexes]
 *     name => STRING
 *     partition_indexes => INT32
 */
export function decode(d: Decoder): OffsetFetchRequest {
  return { groupId: d.string(), topics: d.array(readTopic) };
}

export function readTopic(d: Decoder): OffsetFetchRequestTopic {
  return { name: d.string(), partitionIndexes: d.array((d) => d.int32()) };
}
