import type { Encoder } from '../../../encoder';
import type { ListOffsetsResponse } from '../types';
import { encode as encodeV1 } from '../v1/response';

/**
 * ListOffsets Response (Version: 2) => throttle_time_ms [topics]
 *   throttle_time_ms => INT32
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index error_code timestamp offset
 *       partition_index => INT32
 *       error_code => INT16
 *       timestamp => INT64
 *       offset => INT64
 *
 * v1 preceded by throttle_time_ms. v3 has the same layout (KIP-219 throttling).
 */
export function encode(e: Encoder, res: ListOffsetsResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeV1(e, res);
}
