import { asciiText } from './ascii-text';
import type { Tap } from './avsc-tap';

/**
 * Short ASCII strings read and written in JavaScript instead of through Node's UTF-8 bindings.
 *
 * Why: a TaxOrder holds ~40 strings, most under 20 bytes, and avsc reads each with
 * `Buffer#utf8Slice` and measures each with `Buffer.byteLength`. For strings this short the cost
 * of crossing into C++ dwarfs the copying: utf8Slice was ~40% of a decode (CPU profile of
 * bench/avro.ts). Building the string from the bytes in JavaScript (ascii-text.ts), and writing
 * char codes straight into the buffer, made TaxOrder decodes ~40% and encodes ~6% faster per
 * CPU-second (interleaved A/B processes on the shared machine). Up to 63 bytes the JavaScript
 * read still won inside a whole decode (a 36-char uuid included), though alone in a loop
 * utf8Slice catches up near 20 bytes.
 *
 * Only the case whose result is known to equal avsc's is taken: a length that fits avsc's
 * one-byte varint (0..63), every byte or char below 0x80 (ASCII, where UTF-8 is the identity),
 * and the whole string inside the buffer. Everything else (non-ASCII, longer strings, negative
 * or short lengths) goes to avsc's own function, unchanged, so results are identical to avsc's on
 * any input (avsc-short-strings.spec.ts checks it on arbitrary strings and byte arrays).
 *
 * avsc has no types for lib/utils, hence the require; the Tap is avsc's one cursor class, so
 * patching its prototype covers every type's reads and writes, ours and avsc's.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Tap: AvscTap } = require('avsc/lib/utils') as { Tap: { prototype: Tap } };

/** Longest string taken by the fast paths: 63 is the longest length avsc writes as one varint byte. */
const MAX_SHORT = 63;

/** avsc's own readString and writeString, the fallbacks and the reference for the spec. */
export const avscReadString: (this: Tap) => string | undefined = AvscTap.prototype.readString;
export const avscWriteString: (this: Tap, s: string) => void = AvscTap.prototype.writeString as never;

/** avsc's Tap#readString, with the short ASCII case built in JavaScript. */
export function readShortString(this: Tap): string | undefined {
  const buf = this.buf;
  const head = buf[this.pos]; // undefined past the end, which fails the test below
  // A byte below 0x80 is a whole varint; an even one is the zigzag of a length of 0..63.
  if (head < 0x80 && (head & 1) === 0) {
    const start = this.pos + 1;
    const end = start + (head >> 1);
    if (end <= buf.length) {
      const text = asciiText(buf, start, head >> 1);
      if (text !== undefined) {
        this.pos = end;
        return text;
      }
    }
  }
  return avscReadString.call(this);
}

/** avsc's Tap#writeString, with the short ASCII case written without Buffer.byteLength. */
export function writeShortString(this: Tap, s: string): void {
  const buf = this.buf;
  const pos = this.pos;
  const length = typeof s === 'string' ? s.length : -1;
  if (length >= 0 && length <= MAX_SHORT && pos + 1 + length <= buf.length) {
    const start = pos + 1;
    let codes = 0; // every char code ORed: below 0x80 if and only if each one is
    for (let i = 0; i < length; i++) {
      const code = s.charCodeAt(i);
      codes |= code;
      buf[start + i] = code;
    }
    if (codes < 0x80) {
      buf[pos] = length << 1; // the zigzag varint of the byte length, as writeLong writes it
      this.pos = start + length;
      return;
    }
    // Not ASCII: avsc writes it all again from `pos`. The low bytes copied of each char lie in bytes that
    // its write overwrites, or past the end of a value that failed to fit, which is unspecified
    // (avsc's own loop also writes past a multi-byte string's end).
  }
  avscWriteString.call(this, s);
}

let installed = false;

/** Puts the fast paths on avsc's Tap; idempotent. parseAvroSchema calls it. */
export function installShortStrings(): void {
  if (installed) return;
  installed = true;
  AvscTap.prototype.readString = readShortString;
  AvscTap.prototype.writeString = writeShortString;
}
