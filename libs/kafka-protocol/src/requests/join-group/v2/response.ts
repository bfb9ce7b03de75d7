import type { Encoder } from '../../../encoder';
import type { JoinGroupResponse } from '../types';
import { encode as encodeV0 } from '../v0/response';

/**
 * JoinGroup Response (Version: 2) => throttle_time_ms error_code generation_id protocol_name leader member_id [members]
 *   throttle_time_ms => INT32
 *   (the rest as in v0)
 * Versions 3 and 4 have the same layout (v3: answer before throttling, KIP-219).
 */
export function encode(e: Encoder, res: JoinGroupResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeV0(e, res);
}
