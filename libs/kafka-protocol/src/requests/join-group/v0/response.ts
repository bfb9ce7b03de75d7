import type { Encoder } from '../../../encoder';
import type { JoinGroupResponse, JoinGroupResponseMember } from '../types';

/**
 * JoinGroup Response (Version: 0) => error_code generation_id protocol_name leader member_id [members]
 *   error_code => INT16
 *   generation_id => INT32
 *   protocol_name => STRING
 *   leader => STRING
 *   member_id => STRING
 *   members => member_id metadata
 *     member_id => STRING
 *     metadata => BYTES
 * Version 1 has the same layout.
 */
export function encode(e: Encoder, res: JoinGroupResponse): void {
  writeOutcome(e, res);
  e.array(res.members, writeMember);
}

/** error_code generation_id protocol_name leader member_id */
export function writeOutcome(e: Encoder, res: JoinGroupResponse): void {
  e.int16(res.errorCode).int32(res.generationId).string(res.protocolName).string(res.leader).string(res.memberId);
}

function writeMember(e: Encoder, m: JoinGroupResponseMember): void {
  e.string(m.memberId).bytes(m.metadata);
}
