import type { Decoder } from '../../../decoder';
import type { JoinGroupRequest } from '../types';
import { readProtocols } from '../v0/request';
import { readMember } from '../v1/request';

/**
 * JoinGroup Request (Version: 5) => group_id session_timeout_ms rebalance_timeout_ms member_id group_instance_id protocol_type [protocols]
 *   group_instance_id => NULLABLE_STRING (new, after member_id: static membership, KIP-345)
 *   (everything else as in v1)
 */
export function decode(d: Decoder): JoinGroupRequest {
  return { ...readMember(d), groupInstanceId: d.nullableString(), ...readProtocols(d) };
}
