import type { Decoder } from '../../../decoder';
import type { OffsetCommitRequest } from '../types';
import { readTopics } from '../v0/request';
import { readMember } from '../v1/request';

/**
 * OffsetCommit Request (Version: 2) => group_id generation_id member_id retention_time_ms [topics]
 *   (group_id generation_id member_id as in v1)
 *   retention_time_ms => INT64 (new)
 *   topics => as in v0 (v1's commit_timestamp is gone; retention_time_ms replaces it)
 * Versions 3 and 4 have the same layout.
 */
export function decode(d: Decoder): OffsetCommitRequest {
  return { ...readMember(d), retentionTimeMs: d.int64(), topics: readTopics(d) };
}
