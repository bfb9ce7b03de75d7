import type { Decoder } from '../../../decoder';
import type { ListOffsetsRequest } from '../types';
import { decodeTopics, type PartitionReader } from '../v0/request';

/**
 * ListOffsets Request (Version: 1) => replica_id [topics]
 *   replica_id => INT32
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index timestamp
 *       partition_index => INT32
 *       timestamp => INT64
 *
 * v0 without max_num_offsets: one offset per partition (KIP-79).
 */
export const decodePartition: PartitionReader = (d) => ({ partitionIndex: d.int32(), timestamp: d.int64() });

export function decode(d: Decoder): ListOffsetsRequest {
  return { replicaId: d.int32(), topics: decodeTopics(d, decodePartition) };
}
