import type { Encoder } from '../../../encoder';
import type { OffsetCommitResponse } from '../types';
import { encode as encodeV0 } from '../v0/response';

/**
 * OffsetCommit Response (Version: 3) => throttle_time_ms [topics]
 *   throttle_time_ms => INT32
 *   (topics as in v0)
 * Versions 4 and 5 have the same layout (v4: answer before throttling, KIP-219).
 */
export function encode(e: Encoder, res: OffsetCommitResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeV0(e, res);
}
