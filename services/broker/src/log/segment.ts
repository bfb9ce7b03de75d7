/**
 * One segment of a partition log: `<baseOffset, 20 digits>.log` holding whole batches back
 * to back, with its offset and time indexes (kept in memory, written when sealed or closed).
 * A segment is active (the one appended to), rolled (closed for appends, waiting for the
 * flush round that fsyncs it), or sealed (log and indexes fsynced; only then may retention
 * or compaction touch it, so no fsync is ever in flight on a file they close).
 */
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { type BatchAt, BatchCursor, readExactly } from './batch-cursor';
import { type BatchHeader, lastOffsetOf } from './batch-header';
import { writeFileSynced, writeFully } from './durable-write';
import { OffsetIndex } from './offset-index';
import { TimeIndex } from './time-index';

/** Lookups after an index hit scan at most index.interval.bytes plus one batch: small chunks do. */
const LOOKUP_CHUNK = 64 * 1024;

export function segmentFileName(baseOffset: number, extension: string): string {
  return `${String(baseOffset).padStart(20, '0')}${extension}`;
}

export class Segment {
  offsetIndex = new OffsetIndex();
  timeIndex = new TimeIndex();
  /** One past the last offset stored (the base offset while empty). */
  nextOffset: number;
  /** Largest batch maxTimestamp stored, or -1. */
  maxTimestamp = -1;
  /** When the segment counts as started for segment.ms: its first batch's maxTimestamp, as Kafka does. */
  rollStartMs = -1;
  /** Fallback for rollStartMs when the batches carry no timestamp (Kafka uses the segment's creation time). */
  readonly openedMs = Date.now();
  sealed = false;
  private bytesSinceIndexEntry = 0;

  private constructor(readonly dir: string, readonly baseOffset: number, public fd: number, public size: number) {
    this.nextOffset = baseOffset;
  }

  get logPath(): string {
    return join(this.dir, segmentFileName(this.baseOffset, '.log'));
  }

  static create(dir: string, baseOffset: number): Segment {
    return new Segment(dir, baseOffset, openSync(join(dir, segmentFileName(baseOffset, '.log')), 'wx+'), 0);
  }

  /** Opens the file only; the caller then loads or rebuilds the indexes. */
  static open(dir: string, baseOffset: number): Segment {
    const fd = openSync(join(dir, segmentFileName(baseOffset, '.log')), 'r+');
    return new Segment(dir, baseOffset, fd, fstatSync(fd).size);
  }

  /** Loads trusted index files and scans the tail after the last entry; false if they are missing or malformed. */
  loadIndexes(): boolean {
    const [offsetPath, timePath] = this.indexPaths();
    if (!existsSync(offsetPath) || !existsSync(timePath)) return false;
    const offsets = OffsetIndex.fromBuffer(readFileSync(offsetPath), this.size);
    const times = TimeIndex.fromBuffer(readFileSync(timePath));
    if (!offsets || !times) return false;
    this.offsetIndex = offsets;
    this.timeIndex = times;
    this.maxTimestamp = times.lastTimestamp;
    const first = this.size > 0 ? new BatchCursor(this.fd, 0, this.size, false, LOOKUP_CHUNK).next() : null;
    if (first) this.nextOffset = lastOffsetOf(first.header) + 1;
    this.rollStartMs = first ? first.header.maxTimestamp : -1;
    const tailStart = offsets.lastPosition;
    const tail = new BatchCursor(this.fd, tailStart, this.size);
    for (let b = tail.next(); b; b = tail.next()) {
      this.nextOffset = lastOffsetOf(b.header) + 1;
      this.maxTimestamp = Math.max(this.maxTimestamp, b.header.maxTimestamp);
    }
    this.bytesSinceIndexEntry = this.size - tailStart;
    return tail.stopReason === null;
  }

  /** Rebuilds both indexes from the batch headers, trusting the file (recovery validates first). */
  rebuildIndexes(indexIntervalBytes: number): void {
    this.resetIndexes();
    const cursor = new BatchCursor(this.fd, 0, this.size);
    for (let b = cursor.next(); b; b = cursor.next()) this.indexBatch(b.header, b.position, indexIntervalBytes);
  }

  resetIndexes(): void {
    this.offsetIndex.clear();
    this.timeIndex.clear();
    this.bytesSinceIndexEntry = 0;
    this.nextOffset = this.baseOffset;
    this.maxTimestamp = -1;
    this.rollStartMs = -1;
  }

  /** Records a batch at `position` (appended or found by a scan), in log order. */
  indexBatch(header: BatchHeader, position: number, indexIntervalBytes: number): void {
    if (this.bytesSinceIndexEntry > indexIntervalBytes) {
      const relative = header.baseOffset - this.baseOffset;
      this.offsetIndex.append(relative, position);
      this.timeIndex.maybeAppend(this.maxTimestamp, relative);
      this.bytesSinceIndexEntry = 0;
    }
    this.bytesSinceIndexEntry += header.size;
    if (this.rollStartMs < 0) this.rollStartMs = header.maxTimestamp;
    this.maxTimestamp = Math.max(this.maxTimestamp, header.maxTimestamp);
    this.nextOffset = lastOffsetOf(header) + 1;
  }

  append(batch: Buffer, header: BatchHeader, indexIntervalBytes: number): void {
    writeFully(this.fd, batch, this.size);
    this.indexBatch(header, this.size, indexIntervalBytes);
    this.size += batch.length;
  }

  read(position: number, length: number): Buffer {
    return readExactly(this.fd, position, length);
  }

  /** The first batch whose last offset is ≥ offset, or null if this segment has none. */
  findBatch(offset: number, fromPosition?: number): BatchAt | null {
    const start = fromPosition ?? this.offsetIndex.lookup(Math.max(0, offset - this.baseOffset));
    const cursor = new BatchCursor(this.fd, start, this.size, false, LOOKUP_CHUNK);
    for (let b = cursor.next(); b; b = cursor.next()) if (lastOffsetOf(b.header) >= offset) return b;
    return null;
  }

  truncateTo(position: number): void {
    ftruncateSync(this.fd, position);
    this.size = position;
  }

  /** Adds the closing time-index entry (see time-index.ts) and writes both index files, fsynced. */
  writeIndexes(): void {
    this.timeIndex.maybeAppend(this.maxTimestamp, this.nextOffset - this.baseOffset);
    const [offsetPath, timePath] = this.indexPaths();
    writeFileSynced(offsetPath, this.offsetIndex.toBuffer());
    writeFileSynced(timePath, this.timeIndex.toBuffer());
  }

  deleteIndexFiles(): void {
    for (const path of this.indexPaths()) if (existsSync(path)) unlinkSync(path);
  }

  close(): void {
    closeSync(this.fd);
  }

  deleteFiles(): void {
    this.close();
    this.deleteIndexFiles();
    unlinkSync(this.logPath);
  }

  private indexPaths(): [string, string] {
    return [join(this.dir, segmentFileName(this.baseOffset, '.index')), join(this.dir, segmentFileName(this.baseOffset, '.timeindex'))];
  }
}
