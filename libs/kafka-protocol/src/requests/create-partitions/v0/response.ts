import type { Encoder } from '../../../encoder';
import type { CreatePartitionsResponse } from '../types';

/**
 * CreatePartitions Response (Version: 0) => throttle_time_ms [results]
 *   throttle_time_ms => INT32
 *   results => name error_code error_message
 *     name => STRING
 *     error_code => INT16
 *     error_message => NULLABLE_STRING
 * Version 1 has the same layout; it only tells clients the broker answers before throttling (KIP-219).
 */
export function encode(e: Encoder, res: CreatePartitionsResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  e.array(res.results, (e, r) => e.string(r.name).int16(r.errorCode).nullableString(r.errorMessage));
}
