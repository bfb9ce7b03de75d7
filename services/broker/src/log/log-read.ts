/**
 * The read side of a partition log, over its segments: Fetch's byte ranges and ListOffsets'
 * timestamp search. Reads serve stored bytes as they are (one readSync of a range, batch
 * headers walked in memory, no record decoding), and never anything at or past the high
 * watermark, so a consumer never sees a record a crash could take back.
 */
import { KafkaProtocolError } from '@tributary/kafka-protocol';
import { BatchCursor } from './batch-cursor';
import { type BatchHeader, LOG_OVERHEAD, isCompressed, isLogAppendTime, lastOffsetOf } from './batch-header';
import { readRecords } from './record-reader';
import { type Segment } from './segment';

export interface ReadBounds {
  readonly logStartOffset: number;
  readonly highWatermark: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * Whole batches from the one containing `fetchOffset`, up to `maxBytes`, within one segment
 * (as Kafka serves a partition's fetch). If the first batch alone is larger than maxBytes it
 * is returned whole anyway (KIP-74), so a consumer can always make progress.
 */
export function readBatches(segments: readonly Segment[], fetchOffset: number, maxBytes: number, bounds: ReadBounds): Buffer {
  if (fetchOffset < bounds.logStartOffset || fetchOffset > bounds.highWatermark) {
    throw new KafkaProtocolError('OFFSET_OUT_OF_RANGE', `offset ${fetchOffset} is outside [${bounds.logStartOffset}, ${bounds.highWatermark}]`);
  }
  if (fetchOffset === bounds.highWatermark) return EMPTY;
  // Compaction can leave gaps: a segment may hold nothing at or after the offset, then the next one does.
  for (let i = Math.max(0, floorSegment(segments, fetchOffset)); i < segments.length; i++) {
    const segment = segments[i];
    const first = segment.findBatch(fetchOffset);
    if (!first) continue;
    if (first.header.baseOffset >= bounds.highWatermark) return EMPTY;
    const length = Math.min(Math.max(maxBytes, first.header.size), segment.size - first.position);
    const bytes = segment.read(first.position, length);
    let end = first.header.size;
    while (end + LOG_OVERHEAD <= bytes.length) {
      if (Number(bytes.readBigInt64BE(end)) >= bounds.highWatermark) break;
      const size = bytes.readInt32BE(end + 8) + LOG_OVERHEAD;
      if (end + size > bytes.length) break;
      end += size;
    }
    return bytes.subarray(0, end);
  }
  return EMPTY;
}

export interface OffsetAndTimestamp {
  readonly offset: number;
  readonly timestamp: number;
}

/**
 * ListOffsets by time: the first offset (≥ log start, < high watermark) whose record
 * timestamp is ≥ `timestamp`, or null. Segments are skipped by their max timestamp, the time
 * index narrows the scan inside one, and only the one batch that qualifies is decoded.
 */
export function findOffsetForTimestamp(segments: readonly Segment[], timestamp: number, bounds: ReadBounds): OffsetAndTimestamp | null {
  for (const segment of segments) {
    if (segment.maxTimestamp < timestamp || segment.nextOffset <= bounds.logStartOffset) continue;
    const from = Math.max(segment.baseOffset + segment.timeIndex.lookup(timestamp), bounds.logStartOffset);
    const cursor = new BatchCursor(segment.fd, segment.offsetIndex.lookup(from - segment.baseOffset), segment.size, true, 64 * 1024);
    for (let b = cursor.next(); b; b = cursor.next()) {
      const h = b.header;
      if (lastOffsetOf(h) < from) continue;
      if (h.baseOffset >= bounds.highWatermark) return null;
      if (h.maxTimestamp < timestamp) continue;
      const found = firstRecordAtOrAfter(h, b.bytes as Buffer, timestamp, from);
      if (found) return found;
    }
  }
  return null;
}

function firstRecordAtOrAfter(h: BatchHeader, bytes: Buffer, timestamp: number, minOffset: number): OffsetAndTimestamp | null {
  // LogAppendTime: every record carries the batch's maxTimestamp. Compressed: we cannot read
  // the records (no snappy/lz4/zstd here), so the batch's first offset stands for them: a
  // consumer starting there sees a few earlier records, never misses a later one.
  if (isLogAppendTime(h) || isCompressed(h)) return { offset: Math.max(h.baseOffset, minOffset), timestamp: h.maxTimestamp };
  for (const r of readRecords(bytes, h.recordsCount)) {
    const offset = h.baseOffset + r.offsetDelta;
    const recordTimestamp = h.baseTimestamp + r.timestampDelta;
    if (offset >= minOffset && recordTimestamp >= timestamp) return { offset, timestamp: recordTimestamp };
  }
  return null;
}

/** Index of the last segment whose base offset is ≤ offset, or -1. */
export function floorSegment(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid].baseOffset <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
