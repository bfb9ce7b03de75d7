/**
 * Walks the batches stored in a byte range of a segment file, reading it in large chunks
 * (one readSync per chunk, not per batch), so header scans (index rebuilds, producer-state
 * rebuilds, lookups after an index hit) cost a few syscalls per megabyte.
 *
 * It stops at `end` or at the first bytes that cannot be a whole v2 batch (too short a
 * length, wrong magic, running past `end`), and says why in `stopReason`; the CRC is the
 * caller's to check (recovery does, with `withBytes`).
 */
import { readSync } from 'node:fs';
import { type BatchHeader, HEADER_SIZE, MAGIC_V2, readBatchHeader } from './batch-header';

export interface BatchAt {
  readonly header: BatchHeader;
  readonly position: number;
  /** The whole batch when the cursor was made `withBytes`, else null. Not copied: read it before the next call if the caller keeps it. */
  readonly bytes: Buffer | null;
}

const DEFAULT_CHUNK = 1 << 20;

export class BatchCursor {
  /** Why the walk ended before `end`, or null if it reached `end`. */
  stopReason: string | null = null;
  private chunk: Buffer = Buffer.alloc(0);
  private chunkStart = 0;

  constructor(
    private readonly fd: number,
    private position: number,
    private readonly end: number,
    private readonly withBytes = false,
    private readonly chunkSize = DEFAULT_CHUNK,
  ) {}

  /** Position of the next batch to read (after the walk: the end of the last valid batch). */
  get nextPosition(): number {
    return this.position;
  }

  next(): BatchAt | null {
    if (this.stopReason !== null || this.position >= this.end) return null;
    if (this.end - this.position < HEADER_SIZE) return this.stop(`${this.end - this.position} trailing bytes, less than a batch header`);
    const headerAt = this.ensure(this.position, HEADER_SIZE);
    const header = readBatchHeader(this.chunk, headerAt);
    if (header.size < HEADER_SIZE) return this.stop(`batch length ${header.size - 12} is shorter than a header`);
    if (header.magic !== MAGIC_V2) return this.stop(`magic ${header.magic} is not 2`);
    if (this.position + header.size > this.end) return this.stop(`batch of ${header.size} bytes runs past the end of the segment`);
    let bytes: Buffer | null = null;
    if (this.withBytes) {
      const at = this.ensure(this.position, header.size);
      bytes = this.chunk.subarray(at, at + header.size);
    }
    const batch = { header, position: this.position, bytes };
    this.position += header.size;
    return batch;
  }

  private stop(reason: string): null {
    this.stopReason = reason;
    return null;
  }

  /** Makes [position, position + length) available in the chunk; returns its index there. */
  private ensure(position: number, length: number): number {
    const at = position - this.chunkStart;
    if (at >= 0 && at + length <= this.chunk.length) return at;
    const size = Math.min(Math.max(this.chunkSize, length), this.end - position);
    // A fresh buffer per chunk: batches handed out earlier keep their bytes.
    this.chunk = readExactly(this.fd, position, size);
    this.chunkStart = position;
    return 0;
  }
}

/** Reads `length` bytes at `position`, looping over short reads. */
export function readExactly(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error(`unexpected end of file at ${position + done}`);
    done += n;
  }
  return buf;
}
