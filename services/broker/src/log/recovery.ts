/**
 * Opening a partition directory: find the segments, trust what was sealed (or everything after
 * a clean shutdown), validate the rest batch by batch, truncate at the first torn or invalid
 * batch, and rebuild producer state.
 *
 * After a crash the unsealed tail may end in a half-written batch, garbage, or zeros (a file
 * extended but not yet written); each batch must have a plausible length that fits, magic 2,
 * a CRC-32C that matches and offsets after the previous batch's. Everything fsynced passed
 * these checks when it was written, so truncating at the first failure keeps every fsynced
 * batch, in order, once; later segments exist only if this one was complete when they were
 * rolled, so after a truncation they are deleted (as Kafka does).
 */
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BatchCursor } from './batch-cursor';
import { type BatchHeader, crcMatches, lastOffsetOf, lastSequenceOf } from './batch-header';
import { type PartitionCheckpoint } from './partition-checkpoint';
import { loadProducerSnapshot } from './producer-snapshot';
import { ProducerStateTable } from './producer-state';
import { Segment } from './segment';

export function loadSegments(dir: string, cleanShutdown: boolean, checkpoint: PartitionCheckpoint, indexIntervalBytes: number): Segment[] {
  const names = readdirSync(dir);
  // Leftovers of an interrupted compaction or metadata write: the originals are intact.
  for (const name of names) if (name.endsWith('.cleaned') || name.endsWith('.tmp')) unlinkSync(join(dir, name));
  const bases = names.filter((n) => /^\d{20}\.log$/.test(n)).map((n) => Number(n.slice(0, 20))).sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < bases.length; i++) {
    const segment = Segment.open(dir, bases[i]);
    const isLast = i === bases.length - 1;
    segments.push(segment);
    if (cleanShutdown || bases[i] < checkpoint.recoveryPoint) {
      if (!segment.loadIndexes()) {
        segment.rebuildIndexes(indexIntervalBytes);
        if (!isLast) segment.writeIndexes();
      }
      segment.sealed = !isLast;
      continue;
    }
    const previousEnd = segments.length > 1 ? segments[segments.length - 2].nextOffset : bases[i];
    const problem = recoverSegment(segment, indexIntervalBytes, previousEnd);
    if (problem !== null && !isLast) {
      for (const later of bases.slice(i + 1)) {
        const stale = Segment.open(dir, later);
        stale.deleteFiles();
      }
      break;
    }
  }
  if (segments.length === 0) segments.push(Segment.create(dir, checkpoint.logStartOffset));
  return segments;
}

/**
 * Validates every batch of `segment`, rebuilding its indexes on the way, and truncates the
 * file at the first bad one. Returns what was wrong there, or null if the whole file is good.
 */
export function recoverSegment(segment: Segment, indexIntervalBytes: number, minBaseOffset: number): string | null {
  segment.resetIndexes();
  const cursor = new BatchCursor(segment.fd, 0, segment.size, true);
  let expected = Math.max(minBaseOffset, segment.baseOffset);
  let problem: string | null = null;
  let validEnd = 0;
  for (let b = cursor.next(); b; b = cursor.next()) {
    problem = invalidity(b.header, b.bytes as Buffer, expected);
    if (problem !== null) break;
    segment.indexBatch(b.header, b.position, indexIntervalBytes);
    expected = lastOffsetOf(b.header) + 1;
    validEnd = b.position + b.header.size;
  }
  problem ??= cursor.stopReason;
  if (problem !== null) segment.truncateTo(validEnd);
  return problem === null ? null : `${segment.logPath} truncated at ${validEnd}: ${problem}`;
}

function invalidity(h: BatchHeader, bytes: Buffer, expectedOffset: number): string | null {
  if (!crcMatches(bytes, 0, h.size)) return 'CRC-32C mismatch';
  if (h.baseOffset < expectedOffset) return `base offset ${h.baseOffset} below the expected ${expectedOffset}`;
  if (h.lastOffsetDelta < 0 || h.recordsCount < 0) return 'negative lastOffsetDelta or recordsCount';
  return null;
}

/**
 * Producer state as of the end of the log: the newest snapshot at or below it, then every
 * batch header after the snapshot's offset, then producers wholly below the log start dropped.
 */
export function rebuildProducerState(dir: string, segments: readonly Segment[], logEndOffset: number, logStartOffset: number): ProducerStateTable {
  const snapshot = loadProducerSnapshot(dir, logEndOffset);
  const table = snapshot?.table ?? new ProducerStateTable();
  const from = snapshot?.offset ?? 0;
  for (const segment of segments) {
    if (segment.nextOffset <= from) continue;
    const start = from > segment.baseOffset ? segment.offsetIndex.lookup(from - segment.baseOffset) : 0;
    const cursor = new BatchCursor(segment.fd, start, segment.size);
    for (let b = cursor.next(); b; b = cursor.next()) {
      const h = b.header;
      if (h.producerId < 0 || lastOffsetOf(h) < from) continue;
      table.apply({ producerId: h.producerId, epoch: h.producerEpoch, firstSeq: h.baseSequence, lastSeq: lastSequenceOf(h), baseOffset: h.baseOffset, lastOffset: lastOffsetOf(h) });
    }
  }
  table.evictBefore(logStartOffset);
  return table;
}
