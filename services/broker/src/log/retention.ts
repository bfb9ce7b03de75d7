/**
 * Which of the oldest segments the "delete" cleanup policy removes (Kafka's
 * deleteRetentionMsBreachedSegments and deleteRetentionSizeBreachedSegments): segments are
 * removed whole, oldest first, stopping at the first one that must stay; the active segment
 * (last) is never removed, nor one not yet sealed (its fsync may still be running).
 * - retention.ms: a segment goes once its newest timestamp is older than now - retention.ms.
 * - retention.bytes: oldest segments go while the partition would still be at least
 *   retention.bytes without them.
 * A pure function over summaries, so the policy is tested without files.
 */
import { type LogConfig } from './log-config';

export interface SegmentSummary {
  readonly baseOffset: number;
  readonly size: number;
  /** The segment's largest batch timestamp (the file's mtime when it holds none). */
  readonly maxTimestamp: number;
  readonly sealed: boolean;
}

/** How many segments, from the oldest, retention deletes now. */
export function segmentsToDelete(segments: readonly SegmentSummary[], config: LogConfig, now: number): number {
  if (!config['cleanup.policy'].includes('delete')) return 0;
  let deletable = 0;
  while (deletable < segments.length - 1 && segments[deletable].sealed) deletable++;
  let byTime = 0;
  const retentionMs = config['retention.ms'];
  if (retentionMs >= 0) {
    while (byTime < deletable && now - segments[byTime].maxTimestamp > retentionMs) byTime++;
  }
  let bySize = 0;
  const retentionBytes = config['retention.bytes'];
  if (retentionBytes >= 0) {
    let excess = segments.reduce((n, s) => n + s.size, 0) - retentionBytes;
    while (bySize < deletable && excess - segments[bySize].size >= 0) excess -= segments[bySize++].size;
  }
  return Math.max(byTime, bySize);
}

/** How many of the oldest segments lie wholly below the log start offset (DeleteRecords). */
export function segmentsBelowLogStart(segments: readonly SegmentSummary[], logStartOffset: number): number {
  let count = 0;
  while (count < segments.length - 1 && segments[count].sealed && segments[count + 1].baseOffset <= logStartOffset) count++;
  return count;
}
