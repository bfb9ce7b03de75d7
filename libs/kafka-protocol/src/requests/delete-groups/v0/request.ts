import type { Decoder } from '../../../decoder';
import type { DeleteGroupsRequest } from '../types';

/**
 * DeleteGroups Request (Version: 0) => [groups_names]
 *   groups_names => STRING
 * Version 1 has the same layout.
 */
export function decode(d: Decoder): DeleteGroupsRequest {
  return { groupsNames: d.array((d) => d.string()) };
}
