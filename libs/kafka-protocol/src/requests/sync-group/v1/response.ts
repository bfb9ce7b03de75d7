import type { Encoder } from '../../../encoder';
import type { SyncGroupResponse } from '../types';
import { encode as encodeV0 } from '../v0/response';

/**
 * SyncGroup Response (Version: 1) => throttle_time_ms error_code assignment
 *   throttle_time_ms => INT32
 *   (the rest as in v0)
 * Versions 2 and 3 have the same layout (v2: answer before throttling, KIP-219).
 */
export function encode(e: Encoder, res: SyncGroupResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeV0(e, res);
}
