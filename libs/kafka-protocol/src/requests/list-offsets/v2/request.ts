import type { Decoder } from '../../../decoder';
import type { ListOffsetsRequest } from '../types';
import { decodeTopics } from '../v0/request';
import { decodePartition } from '../v1/request';

/**
 * ListOffsets Request (Version: 2) => replica_id isolation_level [topics]
 *   replica_id => INT32
 *   isolation_level => INT8
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index timestamp
 *       partition_index => INT32
 *       timestamp => INT64
 *
 * v1 plus isolation_level (KIP-98). v3 has the same layout (KIP-219 throttling).
 */
export function decode(d: Decoder): ListOffsetsRequest {
  return { replicaId: d.int32(), isolationLevel: d.int8(), topics: decodeTopics(d, decodePartition) };
}
