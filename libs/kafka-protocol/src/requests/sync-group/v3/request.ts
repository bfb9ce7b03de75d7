import type { Decoder } from '../../../decoder';
import type { SyncGroupRequest } from '../types';
import { readAssignments, readMember } from '../v0/request';

/**
 * SyncGroup Request (Version: 3) => group_id generation_id member_id group_instance_id [assignments]
 *   group_instance_id => NULLABLE_STRING (new, after member_id: static membership, KIP-345)
 *   (everything else as in v0)
 */
export function decode(d: Decoder): SyncGroupRequest {
  return { ...readMember(d), groupInstanceId: d.nullableString(), assignments: readAssignments(d) };
}
