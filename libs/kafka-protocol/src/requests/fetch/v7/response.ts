import type { Encoder } from '../../../encoder';
import type { FetchResponse } from '../types';
import { encodeTopics, type PartitionWriter } from '../v4/response';
import { encodePartition as encodePartitionV5 } from '../v5/response';

/**
 * Fetch Response (Version: 7) => throttle_time_ms error_code session_id [responses]
 *   throttle_time_ms => INT32
 *   error_code => INT16
 *   session_id => INT32
 *   responses => topic [partitions]
 *     topic => STRING
 *     partitions => partition_index error_code high_watermark last_stable_offset log_start_offset [aborted_transactions] records
 *       (as in v5)
 *
 * v5 plus a top-level error_code and session_id (KIP-227). v8 (KIP-219 throttling),
 * v9 (KIP-320) and v10 (zstd) have the same layout.
 */
export function encodeWith(e: Encoder, res: FetchResponse, writePartition: PartitionWriter): void {
  e.int32(res.throttleTimeMs ?? 0).int16(res.errorCode ?? 0).int32(res.sessionId ?? 0);
  encodeTopics(e, res, writePartition);
}

export function encode(e: Encoder, res: FetchResponse): void {
  encodeWith(e, res, encodePartitionV5);
}
