/**
 * A segment's sparse time index (`<baseOffset>.timeindex`): entries (timestamp int64,
 * relative offset int32), big-endian. An entry (T, O) says "every batch of this segment
 * that starts before offset O has maxTimestamp ≤ T". Entries are added beside offset-index
 * entries (O is then an indexed batch start) and once more when the segment is sealed
 * (O = its end, T = its max timestamp), and only when T grows, so T increases strictly.
 *
 * To find the first batch with maxTimestamp ≥ ts, take the last entry with T < ts and scan
 * from O: nothing before O can qualify. (Kafka's entries point at the offset holding the max
 * timestamp instead; nobody but this log reads these files, and this meaning needs no
 * second lookup.) Held in memory like the offset index, for the same reasons.
 */
import { grow } from './offset-index';

const ENTRY_SIZE = 12;

export class TimeIndex {
  private timestamps = new Float64Array(64);
  private offsets = new Int32Array(64);
  private count = 0;

  /** The largest timestamp recorded, or -1. */
  get lastTimestamp(): number {
    return this.count === 0 ? -1 : this.timestamps[this.count - 1];
  }

  maybeAppend(timestamp: number, relativeOffset: number): void {
    if (timestamp <= this.lastTimestamp) return;
    if (this.count > 0 && relativeOffset < this.offsets[this.count - 1]) return;
    if (this.count === this.timestamps.length) {
      this.timestamps = grow(this.timestamps);
      this.offsets = grow(this.offsets);
    }
    this.timestamps[this.count] = timestamp;
    this.offsets[this.count] = relativeOffset;
    this.count++;
  }

  /** Relative offset from which to scan for the first batch with maxTimestamp ≥ timestamp. */
  lookup(timestamp: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timestamps[mid] < timestamp) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? 0 : this.offsets[found];
  }

  clear(): void {
    this.count = 0;
  }

  toBuffer(): Buffer {
    const buf = Buffer.alloc(this.count * ENTRY_SIZE);
    for (let i = 0; i < this.count; i++) {
      buf.writeBigInt64BE(BigInt(this.timestamps[i]), i * ENTRY_SIZE);
      buf.writeInt32BE(this.offsets[i], i * ENTRY_SIZE + 8);
    }
    return buf;
  }

  /** null when the bytes are not a well-formed time index. */
  static fromBuffer(buf: Buffer): TimeIndex | null {
    if (buf.length % ENTRY_SIZE !== 0) return null;
    const index = new TimeIndex();
    for (let pos = 0; pos < buf.length; pos += ENTRY_SIZE) {
      const before = index.count;
      index.maybeAppend(Number(buf.readBigInt64BE(pos)), buf.readInt32BE(pos + 8));
      if (index.count === before) return null;
    }
    return index;
  }
}
