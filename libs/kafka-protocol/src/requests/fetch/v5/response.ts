import type { Encoder } from '../../../encoder';
import type { FetchResponse } from '../types';
import { encodeAbortedTransactions, encodeOffsets, encodeTopics, partitionWriter, type PartitionWriter } from '../v4/response';

/**
 * Fetch Response (Version: 5) => throttle_time_ms [responses]
 *   throttle_time_ms => INT32
 *   responses => topic [partitions]
 *     topic => STRING
 *     partitions => partition_index error_code high_watermark last_stable_offset log_start_offset [aborted_transactions] records
 *       partition_index => INT32
 *       error_code => INT16
 *       high_watermark => INT64
 *       last_stable_offset => INT64
 *       log_start_offset => INT64
 *       aborted_transactions => producer_id first_offset
 *         producer_id => INT64
 *         first_offset => INT64
 *       records => RECORDS
 *
 * v4 plus log_start_offset (KIP-107). v6 has the same layout.
 */
export const encodePartitionHeader: PartitionWriter = (e, p) => {
  encodeOffsets(e, p);
  e.int64(p.logStartOffset ?? -1);
  encodeAbortedTransactions(e, p);
};

export const encodePartition = partitionWriter(encodePartitionHeader);

export function encode(e: Encoder, res: FetchResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeTopics(e, res, encodePartition);
}
