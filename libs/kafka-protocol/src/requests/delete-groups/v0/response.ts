import type { Encoder } from '../../../encoder';
import type { DeleteGroupsResponse } from '../types';

/**
 * DeleteGroups Response (Version: 0) => throttle_time_ms [results]
 *   throttle_time_ms => INT32
 *   results => group_id error_code
 *     group_id => STRING
 *     error_code => INT16
 * Version 1 has the same layout (answer before throttling, KIP-219).
 */
export function encode(e: Encoder, res: DeleteGroupsResponse): void {
  e.int32(res.throttleTimeMs ?? 0).array(res.results, (e, r) => e.string(r.groupId).int16(r.errorCode));
}
