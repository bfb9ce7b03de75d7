import type { Encoder } from '../../../encoder';
import type { JoinGroupResponse, JoinGroupResponseMember } from '../types';
import { writeOutcome } from '../v0/response';

/**
 * JoinGroup Response (Version: 5) => throttle_time_ms error_code generation_id protocol_name leader member_id [members]
 *   members => member_id group_instance_id metadata
 *     member_id => STRING
 *     group_instance_id => NULLABLE_STRING (new: static membership, KIP-345)
 *     metadata => BYTES
 *   (the rest as in v2)
 */
export function encode(e: Encoder, res: JoinGroupResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  writeOutcome(e, res);
  e.array(res.members, writeMember);
}

function writeMember(e: Encoder, m: JoinGroupResponseMember): void {
  e.string(m.memberId).nullableString(m.groupInstanceId).bytes(m.metadata);
}
