/**
 * How the frame fuzzer lies: mutations of well-formed request frames (request-frames.ts) kept
 * as plain data, so fast-check prints a failing case readably and can shrink it.
 */
import fc from 'fast-check';
import type { RequestFrame } from './request-frames';

/** The broker's default socket.request.max.bytes. */
export const MAX_FRAME_BYTES = 104_857_600;

// CreateTopics and CreatePartitions are left out of api-key mutations: a body that happens to
// decode as one with a huge partition count is a valid request for absurd work (Kafka would
// try it too), not a framing fault.
const API_KEYS = Array.from({ length: 72 }, (_, k) => k - 2).filter((k) => k !== 19 && k !== 37);

const withInt = (b: Buffer, at: number, width: 2 | 4, value: number): Buffer => {
  if (at + width > b.length) return b;
  const copy = Buffer.from(b);
  // Values wrap like the wire's two's complement (a size near 2^31 plus a delta goes negative).
  if (width === 2) copy.writeInt16BE((value << 16) >> 16, at);
  else copy.writeInt32BE(value | 0, at);
  return copy;
};
/** `body` behind a size prefix that tells the truth. */
export const prefixed = (body: Uint8Array): Buffer => {
  const frame = Buffer.alloc(4 + body.length);
  frame.writeInt32BE(body.length);
  frame.set(body, 4);
  return frame;
};

/** Mutations as data, so a failing case prints readably and shrinks. */
export function frameMutation(seedCount: number) {
  return fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('extend' as const), extra: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
    fc.record({ kind: fc.constant('pipeline' as const), next: fc.nat({ max: seedCount - 1 }) }),
    fc.record({ kind: fc.constant('size' as const), size: fc.oneof(fc.constantFrom(0, 1, 3, 8, -1, 0x7fffffff, MAX_FRAME_BYTES, MAX_FRAME_BYTES + 1), fc.integer()) }),
    fc.record({ kind: fc.constant('resize' as const), delta: fc.integer({ min: -8, max: 8 }) }),
    fc.record({ kind: fc.constant('apiKey' as const), key: fc.oneof(fc.constantFrom(...API_KEYS), fc.integer({ min: -32768, max: 32767 })) }),
    fc.record({ kind: fc.constant('version' as const), version: fc.oneof(fc.integer({ min: -1, max: 12 }), fc.integer({ min: -32768, max: 32767 })) }),
    fc.record({ kind: fc.constant('count' as const), which: fc.nat(), value: fc.constantFrom(0x7fffffff, 0x40000000, 0x8000, 0x7fff, 255, -2) }),
    // A long string of one byte; 0xff and 0x80 are invalid UTF-8, which triples when decoded.
    fc.record({ kind: fc.constant('bloat' as const), which: fc.nat(), size: fc.integer({ min: 10_000, max: 0x7fff }), byte: fc.constantFrom(0xff, 0x80, 0x61) }),
  );
}
export type FrameMutation = ReturnType<typeof frameMutation> extends fc.Arbitrary<infer M> ? M : never;

/** Applies `mutations` in order to `seeds[index]`; each sees the previous one's result. */
export function mutate(seeds: readonly RequestFrame[], index: number, mutations: readonly FrameMutation[]): Buffer {
  const seed = seeds[index];
  let b = seed.bytes;
  for (const m of mutations) {
    if (b.length === 0) break;
    if (m.kind === 'flip') (b = Buffer.from(b))[m.at % b.length] ^= m.xor;
    else if (m.kind === 'truncate') b = b.subarray(0, m.at % b.length);
    else if (m.kind === 'extend') b = Buffer.concat([b, m.extra]);
    else if (m.kind === 'pipeline') b = Buffer.concat([b, seeds[m.next].bytes]);
    else if (m.kind === 'size') b = withInt(b, 0, 4, m.size);
    else if (m.kind === 'resize') b = withInt(b, 0, 4, b.length >= 4 ? b.readInt32BE(0) + m.delta : 0);
    else if (m.kind === 'apiKey') b = withInt(b, 4, 2, m.key);
    else if (m.kind === 'version') b = withInt(b, 6, 2, m.version);
    else if (m.kind === 'count') {
      const at = seed.lengths[m.which % seed.lengths.length];
      if (at) b = withInt(b, at.at, at.width, at.width === 2 ? Math.min(m.value, 0x7fff) : m.value);
    } else b = bloatString(b, seed.lengths.filter((l) => l.width === 2), m);
  }
  return b;
}

/** Replaces one string with `size` copies of `byte` and fixes the frame's size prefix to match. */
function bloatString(b: Buffer, strings: RequestFrame['lengths'], m: { which: number; size: number; byte: number }): Buffer {
  const at = strings[m.which % Math.max(1, strings.length)]?.at;
  if (at === undefined || at + 2 > b.length) return b;
  const end = Math.min(b.length, at + 2 + Math.max(0, b.readInt16BE(at)));
  const length = Buffer.alloc(2);
  length.writeInt16BE(m.size);
  const bloated = Buffer.concat([b.subarray(0, at), length, Buffer.alloc(m.size, m.byte), b.subarray(end)]);
  return withInt(bloated, 0, 4, bloated.length - 4);
}
