import type { Encoder } from '../../../encoder';
import type { DeleteTopicsResponse } from '../types';
import { encode as encodeV0 } from '../v0/response';

/**
 * DeleteTopics Response (Version: 1) => throttle_time_ms [responses]
 *   throttle_time_ms => INT32
 *   (responses as in v0)
 */
export function encode(e: Encoder, res: DeleteTopicsResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeV0(e, res);
}
