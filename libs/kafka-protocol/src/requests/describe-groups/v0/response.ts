import type { Encoder } from '../../../encoder';
import type { DescribedGroup, DescribedGroupMember, DescribeGroupsResponse } from '../types';

/**
 * DescribeGroups Response (Version: 0) => [groups]
 *   groups => error_code group_id group_state protocol_type protocol_data [members]
 *     error_code => INT16
 *     group_id => STRING
 *     group_state => STRING
 *     protocol_type => STRING
 *     protocol_data => STRING
 *     members => member_id client_id client_host member_metadata member_assignment
 *       member_id => STRING
 *       client_id => STRING
 *       client_host => STRING
 *       member_metadata => BYTES
 *       member_assignment => BYTES
 */
export function encode(e: Encoder, res: DescribeGroupsResponse): void {
  e.array(res.groups, writeGroup);
}

function writeGroup(e: Encoder, g: DescribedGroup): void {
  e.int16(g.errorCode).string(g.groupId).string(g.groupState).string(g.protocolType).string(g.protocolData);
  e.array(g.members, writeMember);
}

function writeMember(e: Encoder, m: DescribedGroupMember): void {
  e.string(m.memberId).string(m.clientId).string(m.clientHost).bytes(m.memberMetadata).bytes(m.memberAssignment);
}
