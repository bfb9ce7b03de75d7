import type { Encoder } from '../../../encoder';
import type { ListGroupsResponse } from '../types';
import { encode as encodeV0 } from '../v0/response';

/**
 * ListGroups Response (Version: 1) => throttle_time_ms error_code [groups]
 *   throttle_time_ms => INT32
 *   (the rest as in v0)
 * Version 2 has the same layout (answer before throttling, KIP-219).
 */
export function encode(e: Encoder, res: ListGroupsResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeV0(e, res);
}
