import { createReadStream } from 'node:fs';
import type { FileConfig } from './file-config';

/** Bytes of a file that UTF-8 does not allow: it cannot be read as text from there on. */
export class NotTextError extends Error {
  override readonly name = 'NotTextError';

  /** `byte`: offset in the file of the first byte that is not text. */
  constructor(readonly byte: number) {
    super(`byte ${byte} starts a sequence UTF-8 does not allow`);
  }
}

/**
 * A file as text in 64 KiB chunks, read only as fast as they are taken. UTF-8 is decoded
 * strictly: at a byte sequence UTF-8 does not allow, the text before it comes out and
 * NotTextError is thrown, instead of U+FFFD standing in for the bytes, so a Latin-1 export read
 * as UTF-8 is reported, never stored garbled. A byte order mark is kept (fileRows drops it).
 */
export async function* fileText(path: string, encoding: FileConfig['encoding'] = 'utf-8'): AsyncGenerator<string> {
  const chunks = createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>;
  if (encoding === 'windows-1252') {
    for await (const bytes of chunks) yield windows1252(bytes);
    return;
  }
  // Chunks are cut at character boundaries here, so each piece decodes on its own and a bad
  // one can be searched for its first bad byte. ignoreBOM: a piece is not a stream's start, and
  // a U+FEFF that happens to begin one is text.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let offset = 0;
  let carry: Buffer = Buffer.alloc(0);
  function* decoded(piece: Uint8Array): Generator<string> {
    let text: string;
    try {
      text = decoder.decode(piece);
    } catch {
      const good = utf8Boundary(piece.subarray(0, validUtf8Prefix(piece)));
      if (good > 0) yield decoder.decode(piece.subarray(0, good));
      throw new NotTextError(offset + good);
    }
    if (text !== '') yield text;
  }
  for await (const bytes of chunks) {
    const data = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
    const end = utf8Boundary(data);
    yield* decoded(data.subarray(0, end));
    offset += end;
    carry = data.subarray(end);
  }
  // A sequence the file ends in the middle of is not text either.
  yield* decoded(carry);
}

/**
 * Windows-1252 (what "Latin-1" ERP exports mostly are): ISO-8859-1 but for 0x80-0x9F, which
 * hold the euro sign, curly quotes and dashes. Node's TextDecoder reads that label as
 * ISO-8859-1, turning a euro sign into a control character, so the 32 are mapped here.
 */
const WINDOWS_1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80]);
}

/** Where a trailing UTF-8 sequence that is not complete yet starts (the length when there is none). */
function utf8Boundary(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return bytes.length;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return bytes.length - i < length ? i : bytes.length;
  }
  return bytes.length;
}

/** The longest prefix of a piece that holds no bad UTF-8 sequence (it may end in an incomplete one). */
function validUtf8Prefix(piece: Uint8Array): number {
  const valid = (length: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(piece.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let low = 0;
  let high = piece.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (valid(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}
