import type { Encoder } from '../../../encoder';
import type { ProduceResponse } from '../types';
import { encodePartition as encodePartitionV3, encodeWith, type PartitionWriter } from '../v3/response';

/**
 * Produce Response (Version: 5) => [responses] throttle_time_ms
 *   responses => name [partition_responses]
 *     name => STRING
 *     partition_responses => index error_code base_offset log_append_time_ms log_start_offset
 *       index => INT32
 *       error_code => INT16
 *       base_offset => INT64
 *       log_append_time_ms => INT64
 *       log_start_offset => INT64
 *   throttle_time_ms => INT32
 *
 * v3 plus log_start_offset (KIP-107). v6 and v7 share this layout.
 */
const encodePartition: PartitionWriter = (e, p) => {
  encodePartitionV3(e, p);
  e.int64(p.logStartOffset ?? -1);
};

export function encode(e: Encoder, res: ProduceResponse): void {
  encodeWith(e, res, encodePartition);
}
