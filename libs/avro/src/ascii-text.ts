/**
 * The text of `length` bytes from `start` if they are all ASCII (below 0x80, where UTF-8 and
 * Latin-1 are the identity), else undefined. `bytes` must hold them all.
 *
 * Why this shape: building a short string in JavaScript beats Node's utf8Slice (a call into C++
 * per string, ~65 ns here), and how it is built matters. Up to 16 bytes each length has its own
 * `String.fromCharCode(c0, c1, ...)` call with the bytes as arguments: ~30% faster than copying
 * them into an array for `fromCharCode.apply` (26 vs 38 ns a string over a TaxOrder's strings on
 * the shared 2-core machine), which longer strings still do.
 */
export function asciiText(bytes: Uint8Array, start: number, length: number): string | undefined {
  switch (length) {
    case 0:
      return '';
    case 1: {
      const c0 = bytes[start];
      return c0 < 0x80 ? fromCharCode(c0) : undefined;
    }
    case 2: {
      const c0 = bytes[start], c1 = bytes[start + 1];
      return (c0 | c1) < 0x80 ? fromCharCode(c0, c1) : undefined;
    }
    case 3: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2];
      return (c0 | c1 | c2) < 0x80 ? fromCharCode(c0, c1, c2) : undefined;
    }
    case 4: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3];
      return (c0 | c1 | c2 | c3) < 0x80 ? fromCharCode(c0, c1, c2, c3) : undefined;
    }
    case 5: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4];
      return (c0 | c1 | c2 | c3 | c4) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4) : undefined;
    }
    case 6: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      return (c0 | c1 | c2 | c3 | c4 | c5) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5) : undefined;
    }
    case 7: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6) : undefined;
    }
    case 8: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6], c7 = bytes[start + 7];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7) : undefined;
    }
    case 9: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6], c7 = bytes[start + 7], c8 = bytes[start + 8];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8) : undefined;
    }
    case 10: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6], c7 = bytes[start + 7], c8 = bytes[start + 8], c9 = bytes[start + 9];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9) : undefined;
    }
    case 11: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6], c7 = bytes[start + 7], c8 = bytes[start + 8], c9 = bytes[start + 9], c10 = bytes[start + 10];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10) : undefined;
    }
    case 12: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6], c7 = bytes[start + 7], c8 = bytes[start + 8], c9 = bytes[start + 9], c10 = bytes[start + 10], c11 = bytes[start + 11];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11) : undefined;
    }
    case 13: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6], c7 = bytes[start + 7], c8 = bytes[start + 8], c9 = bytes[start + 9], c10 = bytes[start + 10], c11 = bytes[start + 11];
      const c12 = bytes[start + 12];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12) : undefined;
    }
    case 14: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6], c7 = bytes[start + 7], c8 = bytes[start + 8], c9 = bytes[start + 9], c10 = bytes[start + 10], c11 = bytes[start + 11];
      const c12 = bytes[start + 12], c13 = bytes[start + 13];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13) : undefined;
    }
    case 15: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6], c7 = bytes[start + 7], c8 = bytes[start + 8], c9 = bytes[start + 9], c10 = bytes[start + 10], c11 = bytes[start + 11];
      const c12 = bytes[start + 12], c13 = bytes[start + 13], c14 = bytes[start + 14];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14) : undefined;
    }
    case 16: {
      const c0 = bytes[start], c1 = bytes[start + 1], c2 = bytes[start + 2], c3 = bytes[start + 3], c4 = bytes[start + 4], c5 = bytes[start + 5];
      const c6 = bytes[start + 6], c7 = bytes[start + 7], c8 = bytes[start + 8], c9 = bytes[start + 9], c10 = bytes[start + 10], c11 = bytes[start + 11];
      const c12 = bytes[start + 12], c13 = bytes[start + 13], c14 = bytes[start + 14], c15 = bytes[start + 15];
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15) : undefined;
    }
  }
  const codes = CODES[length] ?? new Array<number>(length);
  let bits = 0;
  for (let i = 0; i < length; i++) {
    const code = bytes[start + i];
    bits |= code;
    codes[i] = code;
  }
  // eslint-disable-next-line prefer-spread -- apply measured ~10% faster than a spread here
  return bits < 0x80 ? fromCharCode.apply(null, codes) : undefined;
}

const fromCharCode = String.fromCharCode;

/** Reusable argument arrays for `fromCharCode.apply`, one per length up to 64. */
const CODES: number[][] = Array.from({ length: 65 }, (_, length) => new Array<number>(length).fill(0));
