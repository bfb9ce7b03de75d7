import type { Encoder } from '../../../encoder';
import type { ApiVersionsResponse } from '../types';
import { encode as encodeV0 } from '../v0/response';

/** ApiVersions Response (Version: 1) => error_code [api_keys] throttle_time_ms: v0 plus INT32 throttle_time_ms. */
export function encode(e: Encoder, res: ApiVersionsResponse): void {
  encodeV0(e, res);
  e.int32(res.throttleTimeMs ?? 0);
}
