import type { Decoder } from '../../../decoder';
import type { OffsetFetchRequest } from '../types';
import { readTopic } from '../v1/request';

/**
 * OffsetFetch Request (Version: 2) => group_id [topics]
 *   topics => nullable from v2: null fetches all of the group's committed offsets
 *   (layout as in v1)
 * Versions 3 and 4 have the same layout.
 */
export function decode(d: Decoder): OffsetFetchRequest {
  return { groupId: d.string(), topics: d.nullableArray(readTopic) };
}
