import type { Decoder } from '../../../decoder';
import type { JoinGroupRequest } from '../types';
import { readProtocols } from '../v0/request';

/**
 * JoinGroup Request (Version: 1) => group_id session_timeout_ms rebalance_timeout_ms member_id protocol_type [protocols]
 *   rebalance_timeout_ms => INT32 (new, after session_timeout_ms)
 *   (everything else as in v0)
 * Versions 2 to 4 have the same layout (v4 only adds MEMBER_ID_REQUIRED, KIP-394).
 */
export function decode(d: Decoder): JoinGroupRequest {
  return { ...readMember(d), groupInstanceId: null, ...readProtocols(d) };
}

/** group_id session_timeout_ms rebalance_timeout_ms member_id */
export function readMember(d: Decoder): Pick<JoinGroupRequest, 'groupId' | 'sessionTimeoutMs' | 'rebalanceTimeoutMs' | 'memberId'> {
  return { groupId: d.string(), sessionTimeoutMs: d.int32(), rebalanceTimeoutMs: d.int32(), memberId: d.string() };
}
