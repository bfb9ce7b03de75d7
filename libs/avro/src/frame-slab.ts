import type { Type } from 'avsc';
import { FRAME_HEADER_LENGTH, writeFrameHeader } from './wire-format';

/**
 * Confluent frames encoded in place, one after the other, into shared slabs of memory.
 *
 * Why: encoding into a scratch buffer and copying each frame out into its own Buffer cost ~15%
 * of a TaxOrder encode (a pool allocation and a 460-byte copy per frame; bench/avro.ts). Here
 * avsc writes straight behind the previous frame and the frame is a view of those bytes, never
 * written again. It is what Buffer.allocUnsafe already did for the copies: small frames share an
 * 8 KiB slab (Node's Buffer.poolSize) at 8-byte aligned offsets, so a frame kept alive keeps its
 * slab alive, as it kept Node's pool alive. A frame that does not fit in what is left starts a
 * new slab, unless it is over half a slab: that one gets a buffer of its own.
 */
const SLAB_SIZE = 8 * 1024;

export class FrameSlab {
  private slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
  private offset = 0;

  /** The frame of `value` written with `type` under `schemaId`; throws what avsc's encode throws. */
  write(schemaId: number, type: Type, value: unknown): Buffer {
    let start = this.offset;
    let end = type.encode(value, this.slab, start + FRAME_HEADER_LENGTH);
    if (end < 0) {
      // avsc returns minus the bytes it lacked (it never writes past the buffer): the frame's size follows.
      const size = this.slab.length - end - start;
      if (size > SLAB_SIZE >>> 1) return this.writeAlone(schemaId, type, value, size);
      this.slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
      start = 0;
      end = type.encode(value, this.slab, FRAME_HEADER_LENGTH);
      if (end < 0) throw new Error('the value changed size while it was being encoded');
    }
    this.offset = (end + 7) & ~7;
    const frame = this.slab.subarray(start, end);
    writeFrameHeader(frame, schemaId);
    return frame;
  }

  private writeAlone(schemaId: number, type: Type, value: unknown, size: number): Buffer {
    const frame = Buffer.allocUnsafeSlow(size);
    if (type.encode(value, frame, FRAME_HEADER_LENGTH) !== size) throw new Error('the value changed size while it was being encoded');
    writeFrameHeader(frame, schemaId);
    return frame;
  }
}
