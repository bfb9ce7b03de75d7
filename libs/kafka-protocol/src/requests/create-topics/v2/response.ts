import type { Encoder } from '../../../encoder';
import type { CreateTopicsResponse } from '../types';
import { encode as encodeV1 } from '../v1/response';

/**
 * CreateTopics Response (Version: 2) => throttle_time_ms [topics]
 *   throttle_time_ms => INT32
 *   (topics as in v1)
 * Version 3 has the same layout; it only tells clients the broker answers before throttling (KIP-219).
 */
export function encode(e: Encoder, res: CreateTopicsResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeV1(e, res);
}
