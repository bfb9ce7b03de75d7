import type { Encoder } from '../../../encoder';
import type { FetchResponse } from '../types';
import { partitionWriter } from '../v4/response';
import { encodePartitionHeader as encodePartitionHeaderV5 } from '../v5/response';
import { encodeWith } from '../v7/response';

/**
 * Fetch Response (Version: 11) => throttle_time_ms error_code session_id [responses]
 *   throttle_time_ms => INT32
 *   error_code => INT16
 *   session_id => INT32
 *   responses => topic [partitions]
 *     topic => STRING
 *     partitions => partition_index error_code high_watermark last_stable_offset log_start_offset [aborted_transactions] preferred_read_replica records
 *       partition_index => INT32
 *       error_code => INT16
 *       high_watermark => INT64
 *       last_stable_offset => INT64
 *       log_start_offset => INT64
 *       aborted_transactions => producer_id first_offset
 *         producer_id => INT64
 *         first_offset => INT64
 *       preferred_read_replica => INT32
 *       records => RECORDS
 *
 * v7 plus preferred_read_replica (KIP-392).
 */
const encodePartition = partitionWriter((e, p) => {
  encodePartitionHeaderV5(e, p);
  e.int32(p.preferredReadReplica ?? -1);
});

export function encode(e: Encoder, res: FetchResponse): void {
  encodeWith(e, res, encodePartition);
}
