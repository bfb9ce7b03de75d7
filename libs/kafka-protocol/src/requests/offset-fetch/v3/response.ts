import type { Encoder } from '../../../encoder';
import type { OffsetFetchResponse } from '../types';
import { encode as encodeV2 } from '../v2/response';

/**
 * OffsetFetch Response (Version: 3) => throttle_time_ms [topics] error_code
 *   throttle_time_ms => INT32
 *   (the rest as in v2)
 * Version 4 has the same layout (answer before throttling, KIP-219).
 */
export function encode(e: Encoder, res: OffsetFetchResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeV2(e, res);
}
