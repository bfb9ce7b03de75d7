/**
 * Everything that removes data from a partition log: DeleteRecords (raise the log start and
 * drop whole segments below it), retention (retention.ts) and compaction (compaction.ts), as
 * the topic's cleanup.policy says. Only sealed segments are ever deleted or rewritten, so no
 * flush round can be fsyncing a file closed here. Producers whose batches are all gone are
 * forgotten, as Kafka does when its log start moves.
 */
import { fstatSync } from 'node:fs';
import { compactSegments } from './compaction';
import { type LogConfig } from './log-config';
import { type ProducerStateTable } from './producer-state';
import { segmentsBelowLogStart, segmentsToDelete } from './retention';
import { type SegmentList } from './segment-list';

export interface MaintenanceResult {
  readonly deletedSegments: number;
  readonly compactedSegments: number;
}

export class LogCleaner {
  /** Compaction reruns only when new segments were sealed or a tombstone it kept expires. */
  private compactedThrough = -1;
  private nextTombstoneExpiry = Infinity;

  constructor(private readonly segments: SegmentList, private readonly producers: ProducerStateTable) {}

  /** Raises the log start offset (never lowers it); returns the resulting one. */
  deleteRecordsBefore(offset: number): number {
    this.segments.raiseLogStart(offset);
    this.producers.evictBefore(this.segments.logStartOffset);
    this.segments.deleteOldest(segmentsBelowLogStart(this.segments.all, this.segments.logStartOffset));
    return this.segments.logStartOffset;
  }

  run(config: LogConfig, now: number): MaintenanceResult {
    const all = this.segments.all;
    const summaries = all.map((s) => ({
      baseOffset: s.baseOffset,
      size: s.size,
      sealed: s.sealed,
      // Kafka falls back to the file's last-modified time when a segment has no timestamps.
      maxTimestamp: s.maxTimestamp >= 0 ? s.maxTimestamp : fstatSync(s.fd).mtimeMs,
    }));
    const expired = segmentsToDelete(summaries, config, now);
    if (expired > 0) {
      this.segments.raiseLogStart(all[expired].baseOffset);
      this.producers.evictBefore(this.segments.logStartOffset);
    }
    const deletedSegments = this.segments.deleteOldest(segmentsBelowLogStart(all, this.segments.logStartOffset));
    const compactedSegments = config['cleanup.policy'].includes('compact') ? this.compact(config, now) : 0;
    return { deletedSegments, compactedSegments };
  }

  /** Compacts the sealed segments whose newest record is older than min.compaction.lag.ms. */
  private compact(config: LogConfig, now: number): number {
    const all = this.segments.all;
    const lagHorizon = now - config['min.compaction.lag.ms'];
    let count = 0;
    while (count < all.length - 1 && all[count].sealed && all[count].maxTimestamp <= lagHorizon) count++;
    if (count === 0) return 0;
    const through = all[count].baseOffset;
    if (through <= this.compactedThrough && now < this.nextTombstoneExpiry) return 0;
    const result = compactSegments(all.slice(0, count), {
      now,
      deleteRetentionMs: config['delete.retention.ms'],
      indexIntervalBytes: config['index.interval.bytes'],
      producerLastOffsets: this.producers.lastOffsets(),
    });
    this.segments.replaceOldest(count, result.segments);
    this.compactedThrough = through;
    this.nextTombstoneExpiry = result.nextTombstoneExpiry;
    return result.rewritten;
  }
}
