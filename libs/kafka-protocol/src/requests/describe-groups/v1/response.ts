import type { Encoder } from '../../../encoder';
import type { DescribeGroupsResponse } from '../types';
import { encode as encodeV0 } from '../v0/response';

/**
 * DescribeGroups Response (Version: 1) => throttle_time_ms [groups]
 *   throttle_time_ms => INT32
 *   (groups as in v0)
 * Version 2 has the same layout (answer before throttling, KIP-219).
 */
export function encode(e: Encoder, res: DescribeGroupsResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeV0(e, res);
}
