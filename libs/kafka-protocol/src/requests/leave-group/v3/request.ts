import type { Decoder } from '../../../decoder';
import type { LeaveGroupMember, LeaveGroupRequest } from '../types';

/**
 * LeaveGroup Request (Version: 3) => group_id [members]
 *   group_id => STRING
 *   members => member_id group_instance_id (replaces v0's single member_id: batch leave, KIP-345)
 *     member_id => STRING
 *     group_instance_id => NULLABLE_STRING
 */
export function decode(d: Decoder): LeaveGroupRequest {
  return { groupId: d.string(), members: d.array(member) };
}

function member(d: Decoder): LeaveGroupMember {
  return { memberId: d.string(), groupInstanceId: d.nullableString() };
}
