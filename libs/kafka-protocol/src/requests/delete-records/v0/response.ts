import type { Encoder } from '../../../encoder';
import type { DeleteRecordsResponse } from '../types';

/**
 * DeleteRecords Response (Version: 0) => throttle_time_ms [topics]
 *   throttle_time_ms => INT32
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index low_watermark error_code
 *       partition_index => INT32
 *       low_watermark => INT64
 *       error_code => INT16
 * Version 1 has the same layout; it only tells clients the broker answers before throttling (KIP-219).
 */
export function encode(e: Encoder, res: DeleteRecordsResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  e.array(res.topics, (e, t) => {
    e.string(t.name);
    e.array(t.partitions, (e, p) => e.int32(p.partitionIndex).int64(p.lowWatermark).int16(p.errorCode));
  });
}
