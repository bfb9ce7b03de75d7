import type { Decoder } from '../../../decoder';
import type { SyncGroupRequest, SyncGroupRequestAssignment } from '../types';

/**
 * SyncGroup Request (Version: 0) => group_id generation_id member_id [assignments]
 *   group_id => STRING
 *   generation_id => INT32
 *   member_id => STRING
 *   assignments => member_id assignment
 *     member_id => STRING
 *     assignment => BYTES
 * Versions 1 and 2 have the same layout.
 */
export function decode(d: Decoder): SyncGroupRequest {
  return { ...readMember(d), groupInstanceId: null, assignments: readAssignments(d) };
}

/** group_id generation_id member_id */
export function readMember(d: Decoder): Pick<SyncGroupRequest, 'groupId' | 'generationId' | 'memberId'> {
  return { groupId: d.string(), generationId: d.int32(), memberId: d.string() };
}

export function readAssignments(d: Decoder): SyncGroupRequestAssignment[] {
  return d.array((d) => ({ memberId: d.string(), assignment: d.bytes() }));
}
