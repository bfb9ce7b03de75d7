import { isUtf8 } from 'node:buffer';
import { ProtocolDecodeError } from './protocol-decode-error';

/**
 * Reads Kafka's primitive types from a buffer. Every read is bounds checked, and array and
 * string lengths are checked against what is left, so a hostile frame can neither read past
 * its end nor make us allocate more than it carries.
 */
export class Decoder {
  private pos: number;

  constructor(
    private readonly buf: Buffer,
    offset = 0,
    private readonly end = buf.length,
  ) {
    this.pos = offset;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) {
      throw new ProtocolDecodeError(`truncated ${what} at byte ${this.pos}: need ${n}, have ${this.end - this.pos}`);
    }
  }

  int8(): number {
    this.need(1, 'int8');
    return this.buf.readInt8(this.pos++);
  }

  boolean(): boolean {
    return this.int8() !== 0;
  }

  int16(): number {
    this.need(2, 'int16');
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  int32(): number {
    this.need(4, 'int32');
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  uint32(): number {
    this.need(4, 'uint32');
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  int64(): number {
    this.need(8, 'int64');
    const v = this.buf.readInt32BE(this.pos) * 0x100000000 + this.buf.readUInt32BE(this.pos + 4);
    this.pos += 8;
    return v;
  }

  uvarint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      this.need(1, 'varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 28) throw new ProtocolDecodeError(`varint longer than 5 bytes at byte ${this.pos}`);
    }
  }

  varint(): number {
    const z = this.uvarint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  varlong(): number {
    let z = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      this.need(1, 'varlong');
      const b = this.buf[this.pos++];
      z += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) break;
      mul *= 128;
      if (i >= 9) throw new ProtocolDecodeError(`varlong longer than 10 bytes at byte ${this.pos}`);
    }
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  string(): string {
    const s = this.nullableString();
    if (s === null) throw new ProtocolDecodeError(`null where a string is required at byte ${this.pos - 2}`);
    return s;
  }

  nullableString(): string | null {
    const len = this.int16();
    if (len < 0) return null;
    return this.utf8(len, 'string');
  }

  /** COMPACT_STRING of flexible versions: uvarint length + 1. */
  compactNullableString(): string | null {
    const len = this.uvarint() - 1;
    if (len < 0) return null;
    return this.utf8(len, 'compact string');
  }

  /**
   * Kafka strings are UTF-8. Invalid bytes are refused rather than replaced: each would become
   * U+FFFD (3 bytes), so a name echoed back or stored (a group id) could outgrow the int16
   * length it came in with and could never be encoded again (found by the frame fuzzer).
   */
  private utf8(len: number, what: string): string {
    this.need(len, what);
    const bytes = this.buf.subarray(this.pos, this.pos + len);
    if (!isUtf8(bytes)) throw new ProtocolDecodeError(`${what} at byte ${this.pos} is not valid UTF-8`);
    this.pos += len;
    return bytes.toString('utf8');
  }

  /** Skips a flexible version's tagged-field section. */
  taggedFields(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint();
      const size = this.uvarint();
      this.need(size, 'tagged field');
      this.pos += size;
    }
  }

  bytes(): Buffer {
    const b = this.nullableBytes();
    if (b === null) throw new ProtocolDecodeError(`null where bytes are required at byte ${this.pos - 4}`);
    return b;
  }

  /** Bytes are returned as a view over the frame, not copied. */
  nullableBytes(): Buffer | null {
    const len = this.int32();
    if (len < 0) return null;
    return this.raw(len);
  }

  raw(len: number): Buffer {
    this.need(len, 'bytes');
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }

  array<T>(readItem: (d: Decoder) => T): T[] {
    const items = this.nullableArray(readItem);
    if (items === null) throw new ProtocolDecodeError(`null where an array is required at byte ${this.pos - 4}`);
    return items;
  }

  nullableArray<T>(readItem: (d: Decoder) => T): T[] | null {
    const count = this.int32();
    if (count < 0) return null;
    // Every item takes at least one byte, so a count larger than what is left is a lie.
    if (count > this.remaining) {
      throw new ProtocolDecodeError(`array of ${count} items at byte ${this.pos - 4} exceeds the ${this.remaining} bytes left`);
    }
    const items = new Array<T>(count);
    for (let i = 0; i < count; i++) items[i] = readItem(this);
    return items;
  }
}
