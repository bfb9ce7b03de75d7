/**
 * A segment's sparse offset index: one entry (relative offset int32, file position int32)
 * per `index.interval.bytes` of batches, as Kafka's OffsetIndex, big-endian on disk
 * (`<baseOffset>.index`). An entry names the first offset of the batch starting at that
 * position, so a lookup lands on a batch boundary and a short header scan finishes the search.
 *
 * Held in memory (8 bytes per 4 KiB of log: 2 MiB for a full 1 GiB segment) and written
 * whole when the segment is sealed or the log closes; after a crash the indexes of the
 * segments not yet sealed are rebuilt from their batches, so they never need an fsync of
 * their own on the append path.
 */
const ENTRY_SIZE = 8;

export class OffsetIndex {
  private offsets = new Int32Array(64);
  private positions = new Int32Array(64);
  private count = 0;

  get entries(): number {
    return this.count;
  }

  get lastPosition(): number {
    return this.count === 0 ? 0 : this.positions[this.count - 1];
  }

  append(relativeOffset: number, position: number): void {
    if (this.count > 0 && (relativeOffset <= this.offsets[this.count - 1] || position <= this.positions[this.count - 1])) {
      throw new Error(`offset index entries must increase: (${relativeOffset}, ${position}) after the last one`);
    }
    if (this.count === this.offsets.length) {
      this.offsets = grow(this.offsets);
      this.positions = grow(this.positions);
    }
    this.offsets[this.count] = relativeOffset;
    this.positions[this.count] = position;
    this.count++;
  }

  /** Position of the last indexed batch whose first offset is ≤ relativeOffset (0: scan from the start). */
  lookup(relativeOffset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid] <= relativeOffset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? 0 : this.positions[found];
  }

  clear(): void {
    this.count = 0;
  }

  toBuffer(): Buffer {
    const buf = Buffer.alloc(this.count * ENTRY_SIZE);
    for (let i = 0; i < this.count; i++) {
      buf.writeInt32BE(this.offsets[i], i * ENTRY_SIZE);
      buf.writeInt32BE(this.positions[i], i * ENTRY_SIZE + 4);
    }
    return buf;
  }

  /** null when the bytes are not a well-formed index of a segment of `segmentSize` bytes. */
  static fromBuffer(buf: Buffer, segmentSize: number): OffsetIndex | null {
    if (buf.length % ENTRY_SIZE !== 0) return null;
    const index = new OffsetIndex();
    try {
      for (let pos = 0; pos < buf.length; pos += ENTRY_SIZE) {
        const position = buf.readInt32BE(pos + 4);
        if (position < 0 || position >= segmentSize) return null;
        index.append(buf.readInt32BE(pos), position);
      }
    } catch {
      return null;
    }
    return index;
  }
}

export function grow<T extends Int32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
