import type { Decoder } from '../../../decoder';
import type { HeartbeatRequest } from '../types';

/**
 * Heartbeat Request (Version: 0) => group_id generation_id member_id
 *   group_id => STRING
 *   generation_id => INT32
 *   member_id => STRING
 * Versions 1 and 2 have the same layout.
 */
export function decode(d: Decoder): HeartbeatRequest {
  return { groupId: d.string(), generationId: d.int32(), memberId: d.string(), groupInstanceId: null };
}
