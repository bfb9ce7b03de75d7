import type { Decoder } from '../../../decoder';
import type { FindCoordinatorRequest } from '../types';
import { decode as decodeV0 } from '../v0/request';

/**
 * FindCoordinator Request (Version: 1) => key key_type
 *   key => STRING (v0's group_id, renamed)
 *   key_type => INT8
 * Version 2 has the same layout.
 */
export function decode(d: Decoder): FindCoordinatorRequest {
  const v0 = decodeV0(d);
  return { ...v0, keyType: d.int8() };
}
