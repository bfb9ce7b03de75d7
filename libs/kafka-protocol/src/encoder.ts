/**
 * Writes Kafka's primitive types (https://kafka.apache.org/protocol#protocol_types) into one
 * growing buffer. int64 values are JS numbers: offsets, timestamps and producer ids stay far
 * below 2^53, and avoiding BigInt keeps the produce/fetch hot path cheap.
 */
export class Encoder {
  private buf: Buffer;
  private pos = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  get length(): number {
    return this.pos;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int8(v: number): this {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  boolean(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  int16(v: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  uint32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  int64(v: number): this {
    this.ensure(8);
    const hi = Math.floor(v / 0x100000000);
    this.buf.writeInt32BE(hi, this.pos);
    this.buf.writeUInt32BE(v - hi * 0x100000000, this.pos + 4);
    this.pos += 8;
    return this;
  }

  /** Unsigned LEB128 varint (used by flexible versions' compact lengths and tagged fields). */
  uvarint(v: number): this {
    this.ensure(5);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
    return this;
  }

  /** Zig-zag signed varint (record fields in RecordBatch v2). */
  varint(v: number): this {
    return this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  /** Zig-zag signed varlong; exact for |v| < 2^53. */
  varlong(v: number): this {
    this.ensure(10);
    let z = v >= 0 ? v * 2 : -v * 2 - 1;
    while (z >= 0x80) {
      this.buf[this.pos++] = (z % 0x80) | 0x80;
      z = Math.floor(z / 0x80);
    }
    this.buf[this.pos++] = z;
    return this;
  }

  string(v: string): this {
    const len = Buffer.byteLength(v);
    this.int16(len);
    this.ensure(len);
    this.pos += this.buf.write(v, this.pos, 'utf8');
    return this;
  }

  nullableString(v: string | null | undefined): this {
    return v == null ? this.int16(-1) : this.string(v);
  }

  bytes(v: Buffer): this {
    this.int32(v.length);
    return this.raw(v);
  }

  nullableBytes(v: Buffer | null | undefined): this {
    return v == null ? this.int32(-1) : this.bytes(v);
  }

  raw(v: Buffer): this {
    this.ensure(v.length);
    v.copy(this.buf, this.pos);
    this.pos += v.length;
    return this;
  }

  array<T>(items: readonly T[], writeItem: (e: this, item: T) => void): this {
    this.int32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  nullableArray<T>(items: readonly T[] | null, writeItem: (e: this, item: T) => void): this {
    return items == null ? this.int32(-1) : this.array(items, writeItem);
  }

  /** Overwrites an int32 already written at `offset` (size prefixes known only at the end). */
  patchInt32(offset: number, v: number): this {
    this.buf.writeInt32BE(v, offset);
    return this;
  }

  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}
