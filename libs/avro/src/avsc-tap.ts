/**
 * avsc's cursor over a buffer (lib/utils.js `Tap`), as the few hand-written readers and writers
 * here use it. Private to avsc but unchanged through 5.x; a test of each user pins its behaviour.
 * Reads and writes never throw on overflow: they move `pos` past the end, and avsc's decode and
 * encode check `pos <= buf.length` once at the end, which is what makes them fast.
 */
export interface Tap {
  buf: Buffer;
  pos: number;
  readLong(): number;
  skipLong(): void;
  writeLong(n: number): void;
  /** undefined when the string runs past the end (decode then reports the short buffer). */
  readString(): string | undefined;
  writeString(text: string): void;
  writeBytes(bytes: Buffer): void;
  readFixed(length: number): Buffer;
  writeFixed(bytes: Buffer, length: number): void;
}
