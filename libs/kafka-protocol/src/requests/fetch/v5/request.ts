import type { Decoder } from '../../../decoder';
import type { FetchRequest } from '../types';
import { decodeHead, decodeTopics, type PartitionReader } from '../v4/request';

/**
 * Fetch Request (Version: 5) => replica_id max_wait_ms min_bytes max_bytes isolation_level [topics]
 *   replica_id => INT32
 *   max_wait_ms => INT32
 *   min_bytes => INT32
 *   max_bytes => INT32
 *   isolation_level => INT8
 *   topics => topic [partitions]
 *     topic => STRING
 *     partitions => partition fetch_offset log_start_offset partition_max_bytes
 *       partition => INT32
 *       fetch_offset => INT64
 *       log_start_offset => INT64
 *       partition_max_bytes => INT32
 *
 * v4 plus log_start_offset per partition (KIP-107). v6 has the same layout.
 */
export const decodePartition: PartitionReader = (d) => ({
  partitionIndex: d.int32(),
  fetchOffset: d.int64(),
  logStartOffset: d.int64(),
  partitionMaxBytes: d.int32(),
});

export function decode(d: Decoder): FetchRequest {
  return { ...decodeHead(d), topics: decodeTopics(d, decodePartition) };
}
