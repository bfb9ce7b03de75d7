import type { Encoder } from '../../../encoder';
import type { LeaveGroupResponse } from '../types';

/**
 * LeaveGroup Response (Version: 3) => throttle_time_ms error_code [members]
 *   throttle_time_ms => INT32
 *   error_code => INT16 (the group's own; member errors are no longer folded into it)
 *   members => member_id group_instance_id error_code (new)
 *     member_id => STRING
 *     group_instance_id => NULLABLE_STRING
 *     error_code => INT16
 */
export function encode(e: Encoder, res: LeaveGroupResponse): void {
  e.int32(res.throttleTimeMs ?? 0).int16(res.errorCode);
  e.array(res.members ?? [], (e, m) => e.string(m.memberId).nullableString(m.groupInstanceId).int16(m.errorCode));
}
