import type { Encoder } from '../../../encoder';
import type { AlterConfigsResponse } from '../types';

/**
 * AlterConfigs Response (Version: 0) => throttle_time_ms [responses]
 *   throttle_time_ms => INT32
 *   responses => error_code error_message resource_type resource_name
 *     error_code => INT16
 *     error_message => NULLABLE_STRING
 *     resource_type => INT8
 *     resource_name => STRING
 * Version 1 has the same layout; it only tells clients the broker answers before throttling (KIP-219).
 */
export function encode(e: Encoder, res: AlterConfigsResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  e.array(res.responses, (e, r) =>
    e.int16(r.errorCode).nullableString(r.errorMessage).int8(r.resourceType).string(r.resourceName));
}
