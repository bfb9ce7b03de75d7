import type { Decoder } from '../../../decoder';
import type { OffsetCommitRequest } from '../types';
import { readTopics } from '../v0/request';
import { readMember } from '../v1/request';

/**
 * OffsetCommit Request (Version: 5) => group_id generation_id member_id [topics]
 *   v2 without retention_time_ms: retention is the broker's offsets.retention.minutes alone (KIP-211).
 */
export function decode(d: Decoder): OffsetCommitRequest {
  return { ...readMember(d), retentionTimeMs: -1, topics: readTopics(d) };
}
