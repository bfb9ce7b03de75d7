import type { Decoder } from '../../../decoder';
import type { JoinGroupRequest, JoinGroupRequestProtocol } from '../types';

/**
 * JoinGroup Request (Version: 0) => group_id session_timeout_ms member_id protocol_type [protocols]
 *   group_id => STRING
 *   session_timeout_ms => INT32
 *   member_id => STRING
 *   protocol_type => STRING
 *   protocols => name metadata
 *     name => STRING
 *     metadata => BYTES
 */
export function decode(d: Decoder): JoinGroupRequest {
  const groupId = d.string();
  const sessionTimeoutMs = d.int32();
  const memberId = d.string();
  return { groupId, sessionTimeoutMs, rebalanceTimeoutMs: sessionTimeoutMs, memberId, groupInstanceId: null, ...readProtocols(d) };
}

/** protocol_type [protocols]: the tail every version ends with. */
export function readProtocols(d: Decoder): Pick<JoinGroupRequest, 'protocolType' | 'protocols'> {
  return { protocolType: d.string(), protocols: d.array(protocol) };
}

function protocol(d: Decoder): JoinGroupRequestProtocol {
  return { name: d.string(), metadata: d.bytes() };
}
