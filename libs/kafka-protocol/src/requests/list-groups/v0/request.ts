import type { Decoder } from '../../../decoder';
import type { ListGroupsRequest } from '../types';

/**
 * ListGroups Request (Version: 0) => (empty body)
 * Versions 1 and 2 are empty too.
 */
export function decode(_d: Decoder): ListGroupsRequest {
  return {};
}
