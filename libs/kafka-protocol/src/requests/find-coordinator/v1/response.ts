import type { Encoder } from '../../../encoder';
import type { FindCoordinatorResponse } from '../types';
import { writeCoordinator } from '../v0/response';

/**
 * FindCoordinator Response (Version: 1) => throttle_time_ms error_code error_message node_id host port
 *   throttle_time_ms => INT32
 *   error_code => INT16
 *   error_message => NULLABLE_STRING
 *   (node_id host port as in v0)
 * Version 2 has the same layout; it only tells clients the broker answers before throttling (KIP-219).
 */
export function encode(e: Encoder, res: FindCoordinatorResponse): void {
  e.int32(res.throttleTimeMs ?? 0).int16(res.errorCode).nullableString(res.errorMessage);
  writeCoordinator(e, res);
}
