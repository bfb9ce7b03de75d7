/**
 * The files of one partition directory: its segments in offset order (the last one active),
 * the log start offset and recovery point (partition-checkpoint.ts), and the clean-shutdown
 * marker. Opening it recovers the segments (recovery.ts) and makes whatever survived durable,
 * so the log can start with its high watermark at the end.
 */
import { existsSync, fsyncSync, mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDirectory, writeFileAtomic } from './durable-write';
import { readPartitionCheckpoint, writePartitionCheckpoint } from './partition-checkpoint';
import { loadSegments } from './recovery';
import { Segment } from './segment';

const CLEAN_SHUTDOWN = '.clean-shutdown';

export class SegmentList {
  private constructor(readonly dir: string, readonly all: Segment[], private lso: number) {}

  static open(dir: string, indexIntervalBytes: number): SegmentList {
    mkdirSync(dir, { recursive: true });
    const marker = join(dir, CLEAN_SHUTDOWN);
    const clean = existsSync(marker);
    if (clean) {
      // Gone before anything is appended, so a crash from now on is seen as one.
      unlinkSync(marker);
      fsyncDirectory(dir);
    }
    const checkpoint = readPartitionCheckpoint(dir);
    const segments = loadSegments(dir, clean, checkpoint, indexIntervalBytes);
    for (const [i, segment] of segments.entries()) {
      if (segment.sealed) continue;
      fsyncSync(segment.fd);
      if (i < segments.length - 1) {
        segment.writeIndexes();
        segment.sealed = true;
      }
    }
    fsyncDirectory(dir);
    const list = new SegmentList(dir, segments, Math.max(checkpoint.logStartOffset, segments[0].baseOffset));
    list.checkpoint();
    return list;
  }

  get active(): Segment {
    return this.all[this.all.length - 1];
  }

  get logStartOffset(): number {
    return this.lso;
  }

  get logEndOffset(): number {
    return this.active.nextOffset;
  }

  get sizeInBytes(): number {
    return this.all.reduce((n, s) => n + s.size, 0);
  }

  /** The rolled segments waiting for a flush round, then the active one. */
  unsealed(): Segment[] {
    return this.all.filter((s) => !s.sealed);
  }

  roll(baseOffset: number): void {
    this.all.push(Segment.create(this.dir, baseOffset));
  }

  /** Persists the log start offset and the recovery point (the first segment not sealed). */
  checkpoint(): void {
    const firstUnsealed = this.all.find((s) => !s.sealed) ?? this.active;
    writePartitionCheckpoint(this.dir, { logStartOffset: this.lso, recoveryPoint: firstUnsealed.baseOffset });
  }

  raiseLogStart(offset: number): void {
    if (offset <= this.lso) return;
    this.lso = offset;
    this.checkpoint();
  }

  /** Deletes the `count` oldest segments' files (callers pass sealed ones only). */
  deleteOldest(count: number): number {
    for (const segment of this.all.splice(0, count)) segment.deleteFiles();
    if (count > 0) fsyncDirectory(this.dir);
    return count;
  }

  replaceOldest(count: number, replacements: readonly Segment[]): void {
    this.all.splice(0, count, ...replacements);
  }

  closeAll(): void {
    for (const segment of this.all) segment.close();
  }

  writeCleanShutdownMarker(): void {
    writeFileAtomic(join(this.dir, CLEAN_SHUTDOWN), '');
  }
}
