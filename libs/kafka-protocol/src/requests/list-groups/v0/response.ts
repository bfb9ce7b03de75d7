import type { Encoder } from '../../../encoder';
import type { ListGroupsResponse } from '../types';

/**
 * ListGroups Response (Version: 0) => error_code [groups]
 *   error_code => INT16
 *   groups => group_id protocol_type
 *     group_id => STRING
 *     protocol_type => STRING
 */
export function encode(e: Encoder, res: ListGroupsResponse): void {
  e.int16(res.errorCode).array(res.groups, (e, g) => e.string(g.groupId).string(g.protocolType));
}
