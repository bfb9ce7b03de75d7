import type { Decoder } from '../../../decoder';
import type { LeaveGroupRequest } from '../types';

/**
 * LeaveGroup Request (Version: 0) => group_id member_id
 *   group_id => STRING
 *   member_id => STRING
 * Versions 1 and 2 have the same layout.
 */
export function decode(d: Decoder): LeaveGroupRequest {
  const groupId = d.string();
  return { groupId, members: [{ memberId: d.string(), groupInstanceId: null }] };
}
