/**
 * Log compaction (cleanup.policy=compact) of sealed segments, after Kafka's LogCleaner:
 * 1. Map every key in the cleanable segments to the offset of its latest record.
 * 2. Rewrite each segment keeping a record only if it is that latest one, and dropping a
 *    latest one that is a tombstone (null value) older than delete.retention.ms. Keyless
 *    records go (Kafka's cleaner drops them too). A batch that keeps all its records is copied
 *    as is; one that keeps some is rewritten with the same baseOffset, lastOffsetDelta,
 *    timestamps and producer fields and only the kept records, whose offsetDelta fields still
 *    point at their original offsets, so offsets are preserved and gaps appear (as Kafka's
 *    MemoryRecords.filterTo does). A producer's last batch is kept as an empty header when all
 *    its records go, so its sequence and epoch survive a rebuild from the log.
 * 3. Swap files crash-safely: write `<base>.log.cleaned` and fsync it, delete the old index
 *    files, rename over the old log, fsync the directory, write fresh indexes. After a crash
 *    at any step the log is the old or the new one, whole; a missing index is rebuilt on open
 *    and a stray .cleaned file deleted.
 *
 * Compressed batches are copied untouched (we cannot decompress snappy/lz4/zstd; their records
 * are not mapped either, so older uncompressed versions of their keys survive: compaction
 * then keeps more than it must, never less). Control batches are copied as they are.
 * Runs synchronously: a single-node broker's event loop pauses for the rewrite.
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { BatchCursor } from './batch-cursor';
import { type BatchHeader, HEADER_SIZE, isCompressed, isControl, isLogAppendTime, lastOffsetOf, writeCrc, writeLengthAndCount } from './batch-header';
import { fsyncDirectory, writeFully } from './durable-write';
import { readRecords, type StoredRecord } from './record-reader';
import { Segment } from './segment';

export interface CompactionInput {
  readonly now: number;
  readonly deleteRetentionMs: number;
  readonly indexIntervalBytes: number;
  /** Each producer's last offset in the whole log: the batch ending there keeps its header. */
  readonly producerLastOffsets: ReadonlyMap<number, number>;
}

export interface CompactionResult {
  /** The input segments after compaction, those left empty removed. */
  readonly segments: Segment[];
  readonly rewritten: number;
  /** When the oldest tombstone kept becomes removable (Infinity if none was kept). */
  readonly nextTombstoneExpiry: number;
}

const WRITE_BUFFER = 1 << 20;

export function compactSegments(segments: readonly Segment[], input: CompactionInput): CompactionResult {
  const latest = new Map<string, number>();
  for (const segment of segments) {
    forEachBatch(segment, (h, bytes) => {
      if (!compactable(h)) return;
      for (const r of readRecords(bytes, h.recordsCount)) if (r.key) latest.set(r.key.toString('latin1'), h.baseOffset + r.offsetDelta);
    });
  }
  const horizon = input.now - input.deleteRetentionMs;
  let nextTombstoneExpiry = Infinity;
  /** What becomes of one batch: 'keep' it as is, drop it (null), or these bytes instead. */
  const filter = (h: BatchHeader, bytes: Buffer): Buffer | 'keep' | null => {
    if (!compactable(h)) return 'keep';
    const records = readRecords(bytes, h.recordsCount);
    const retained = records.filter((r) => {
      if (!r.key || latest.get(r.key.toString('latin1')) !== h.baseOffset + r.offsetDelta) return false;
      if (!r.isTombstone) return true;
      const timestamp = recordTimestamp(h, r);
      if (timestamp < horizon) return false;
      nextTombstoneExpiry = Math.min(nextTombstoneExpiry, timestamp + input.deleteRetentionMs);
      return true;
    });
    if (retained.length === records.length) return 'keep';
    const isProducersLast = h.producerId >= 0 && input.producerLastOffsets.get(h.producerId) === lastOffsetOf(h);
    return retained.length > 0 || isProducersLast ? rebuildBatch(bytes, retained) : null;
  };
  let rewritten = 0;
  const result: Segment[] = [];
  for (const segment of segments) {
    // A read-only pass first: most segments of a compacted log are already clean, and
    // rewriting them on every run would cost a segment's worth of writes each time.
    let changed = false;
    forEachBatch(segment, (h, bytes) => {
      if (filter(h, bytes) !== 'keep') changed = true;
    });
    if (!changed) {
      result.push(segment);
      continue;
    }
    rewritten++;
    const replacement = rewrite(segment, filter, input.indexIntervalBytes);
    if (replacement) result.push(replacement);
  }
  return { segments: result, rewritten, nextTombstoneExpiry };
}

function compactable(h: BatchHeader): boolean {
  return !isCompressed(h) && !isControl(h);
}

function recordTimestamp(h: BatchHeader, r: StoredRecord): number {
  return isLogAppendTime(h) ? h.maxTimestamp : h.baseTimestamp + r.timestampDelta;
}

function forEachBatch(segment: Segment, visit: (header: BatchHeader, bytes: Buffer) => void): void {
  const cursor = new BatchCursor(segment.fd, 0, segment.size, true);
  for (let b = cursor.next(); b; b = cursor.next()) visit(b.header, b.bytes as Buffer);
}

/** The batch's header and the kept records' bytes, with length, count and CRC fixed. */
function rebuildBatch(original: Buffer, retained: readonly StoredRecord[]): Buffer {
  const size = HEADER_SIZE + retained.reduce((n, r) => n + (r.end - r.start), 0);
  const out = Buffer.allocUnsafe(size);
  original.copy(out, 0, 0, HEADER_SIZE);
  let pos = HEADER_SIZE;
  for (const r of retained) pos += original.copy(out, pos, r.start, r.end);
  writeLengthAndCount(out, 0, size, retained.length);
  writeCrc(out, 0, size);
  return out;
}

/** Rewrites the segment through `filter`; null (files deleted) when nothing is left. */
function rewrite(segment: Segment, filter: (h: BatchHeader, bytes: Buffer) => Buffer | 'keep' | null, indexIntervalBytes: number): Segment | null {
  const cleaned = `${segment.logPath}.cleaned`;
  const fd = openSync(cleaned, 'w');
  let position = 0;
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const drain = (): void => {
      writeFully(fd, pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes), position);
      position += pendingBytes;
      pending = [];
      pendingBytes = 0;
    };
    forEachBatch(segment, (h, bytes) => {
      const outcome = filter(h, bytes);
      if (outcome === null) return;
      const out = outcome === 'keep' ? bytes : outcome;
      pending.push(out);
      pendingBytes += out.length;
      if (pendingBytes >= WRITE_BUFFER) drain();
    });
    if (pendingBytes > 0) drain();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (position === 0) {
    unlinkSync(cleaned);
    segment.deleteFiles();
    fsyncDirectory(segment.dir);
    return null;
  }
  segment.close();
  segment.deleteIndexFiles();
  renameSync(cleaned, segment.logPath);
  fsyncDirectory(segment.dir);
  const replacement = Segment.open(segment.dir, segment.baseOffset);
  replacement.rebuildIndexes(indexIntervalBytes);
  replacement.writeIndexes();
  replacement.sealed = true;
  return replacement;
}
