import type { Decoder } from '../../../decoder';
import type { ListOffsetsPartition, ListOffsetsRequest, ListOffsetsTopic } from '../types';

/**
 * ListOffsets Request (Version: 0) => replica_id [topics]
 *   replica_id => INT32
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index timestamp max_num_offsets
 *       partition_index => INT32
 *       timestamp => INT64
 *       max_num_offsets => INT32
 */
export type PartitionReader = (d: Decoder) => ListOffsetsPartition;

export function decodeTopics(d: Decoder, readPartition: PartitionReader): ListOffsetsTopic[] {
  return d.array((d) => ({ name: d.string(), partitions: d.array(readPartition) }));
}

const decodePartition: PartitionReader = (d) => ({ partitionIndex: d.int32(), timestamp: d.int64(), maxNumOffsets: d.int32() });

export function decode(d: Decoder): ListOffsetsRequest {
  return { replicaId: d.int32(), topics: decodeTopics(d, decodePartition) };
}
