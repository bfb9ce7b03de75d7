import type { Decoder } from '../../../decoder';
import type { FetchRequest } from '../types';
import type { PartitionReader } from '../v4/request';
import { decodeWith } from '../v7/request';

/**
 * Fetch Request (Version: 9) => replica_id max_wait_ms min_bytes max_bytes isolation_level session_id session_epoch [topics] [forgotten_topics_data]
 *   replica_id => INT32
 *   max_wait_ms => INT32
 *   min_bytes => INT32
 *   max_bytes => INT32
 *   isolation_level => INT8
 *   session_id => INT32
 *   session_epoch => INT32
 *   topics => topic [partitions]
 *     topic => STRING
 *     partitions => partition current_leader_epoch fetch_offset log_start_offset partition_max_bytes
 *       partition => INT32
 *       current_leader_epoch => INT32
 *       fetch_offset => INT64
 *       log_start_offset => INT64
 *       partition_max_bytes => INT32
 *   forgotten_topics_data => topic [partitions]
 *     topic => STRING
 *     partitions => INT32
 *
 * v7 plus current_leader_epoch per partition (KIP-320). v10 has the same layout (zstd).
 */
export const decodePartition: PartitionReader = (d) => ({
  partitionIndex: d.int32(),
  currentLeaderEpoch: d.int32(),
  fetchOffset: d.int64(),
  logStartOffset: d.int64(),
  partitionMaxBytes: d.int32(),
});

export function decode(d: Decoder): FetchRequest {
  return decodeWith(d, decodePartition);
}
