import type { Decoder } from '../../../decoder';
import type { HeartbeatRequest } from '../types';
import { decode as decodeV0 } from '../v0/request';

/**
 * Heartbeat Request (Version: 3) => group_id generation_id member_id group_instance_id
 *   (group_id generation_id member_id as in v0)
 *   group_instance_id => NULLABLE_STRING (static membership, KIP-345)
 */
export function decode(d: Decoder): HeartbeatRequest {
  const v0 = decodeV0(d);
  return { ...v0, groupInstanceId: d.nullableString() };
}
