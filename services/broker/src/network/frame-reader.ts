/**
 * Splits a TCP byte stream into Kafka frames ([int32 size][size bytes]). Chunks are kept as a
 * list and joined once per frame, so a large frame arriving in many chunks costs one copy,
 * and a frame that fits inside one chunk costs none. A declared size above `maxFrameBytes`
 * (Kafka's socket.request.max.bytes) is refused before anything is buffered for it, which
 * bounds the memory one connection can hold.
 */
export class FrameTooLargeError extends Error {
  override readonly name = 'FrameTooLargeError';
}

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private frameEnd = -1;

  constructor(private readonly maxFrameBytes: number) {}

  /** Returns the complete frames (without their size prefix) that `chunk` finished. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.frameEnd < 0) {
        if (this.buffered < 4) break;
        const head = this.chunks[0].length >= 4 ? this.chunks[0] : this.joined();
        const size = head.readInt32BE(0);
        if (size < 0 || size > this.maxFrameBytes) {
          throw new FrameTooLargeError(`frame of ${size} bytes exceeds the limit of ${this.maxFrameBytes}`);
        }
        this.frameEnd = size + 4;
      }
      if (this.buffered < this.frameEnd) break;
      const all = this.joined();
      frames.push(all.subarray(4, this.frameEnd));
      const rest = all.subarray(this.frameEnd);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.frameEnd = -1;
    }
    return frames;
  }

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0];
  }
}
