import type { Decoder } from '../../../decoder';
import type { DescribeGroupsRequest } from '../types';

/**
 * DescribeGroups Request (Version: 0) => [groups]
 *   groups => STRING
 * Versions 1 and 2 have the same layout.
 */
export function decode(d: Decoder): DescribeGroupsRequest {
  return { groups: d.array((d) => d.string()) };
}
