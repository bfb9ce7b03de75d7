import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Type } from 'avsc';
import type { Tap } from './avsc-tap';
import { avscReadString, avscWriteString, installShortStrings, readShortString, writeShortString } from './avsc-short-strings';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Tap: AvscTap } = require('avsc/lib/utils') as { Tap: new (buf: Buffer, pos?: number) => Tap };

const long = (n: number) => Type.forSchema('long').toBuffer(n);

const charOf = (max: number) => fc.integer({ min: 0, max }).map((code) => String.fromCharCode(code));

/**
 * Any UTF-16 text, up to past the fast path's 63 chars: ASCII, Latin-1 (one byte in UTF-16, two
 * in UTF-8), any code unit (lone surrogates too), any code point, and ASCII with one other char.
 */
const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: charOf(0xff), maxLength: 80 }),
  fc.string({ unit: charOf(0xffff), maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.tuple(fc.string({ maxLength: 70 }), fc.nat(70), charOf(0xffff)).map(([s, at, c]) => s.slice(0, at) + c + s.slice(at)),
);

/** Bytes as a string field holds them: a length (honest, lying or negative), then any bytes. */
const stringFrame = fc.oneof(
  fc.uint8Array({ maxLength: 90 }).map((bytes) => Buffer.concat([long(bytes.length), bytes])),
  fc.tuple(fc.integer({ min: -3, max: 100 }), fc.uint8Array({ maxLength: 90 })).map(([n, bytes]) => Buffer.concat([long(n), bytes])),
  fc.uint8Array({ maxLength: 90 }).map((bytes) => Buffer.from(bytes)),
);

function read(reader: (this: Tap) => string | undefined, buf: Buffer, pos: number): { value: string | undefined; pos: number } {
  const tap = new AvscTap(buf, pos);
  const value = reader.call(tap);
  return { value, pos: tap.pos };
}

function write(writer: (this: Tap, s: string) => void, s: string, size: number, pos: number): { bytes: Buffer; pos: number } {
  const tap = new AvscTap(Buffer.alloc(size, 0xaa), pos);
  writer.call(tap, s);
  return { bytes: tap.buf, pos: tap.pos };
}

describe('short strings on avsc\'s Tap', () => {
  test('read exactly what avsc reads from any bytes at any position, invalid UTF-8 included', () => {
    fc.assert(
      fc.property(stringFrame, fc.nat(4), (frame, shift) => {
        const buf = Buffer.concat([Buffer.alloc(shift, 0x61), frame]);
        assert.deepEqual(read(readShortString, buf, shift), read(avscReadString, buf, shift));
      }),
      { numRuns: 2000 },
    );
  });

  test('read what avsc reads of every one-byte length over ASCII, Latin-1 and UTF-8 bytes', () => {
    for (let length = 0; length <= 64; length++) {
      for (const fill of [0x41, 0x7f, 0x80, 0xc3, 0xff]) {
        for (const at of [0, length - 1]) {
          const bytes = Buffer.alloc(length, 0x61);
          if (at >= 0) bytes[at] = fill;
          for (const buf of [Buffer.concat([long(length), bytes]), Buffer.concat([long(length), bytes]).subarray(0, length)]) {
            assert.deepEqual(read(readShortString, buf, 0), read(avscReadString, buf, 0), `${length} ${fill} at ${at}`);
          }
        }
      }
    }
  });

  test('write exactly the bytes avsc writes for any text, into room to spare or too little', () => {
    fc.assert(
      fc.property(anyText, fc.nat(3), fc.integer({ min: 0, max: 300 }), (s, pos, room) => {
        const size = pos + room;
        const ours = write(writeShortString, s, size, pos);
        const avsc = write(avscWriteString, s, size, pos);
        assert.equal(ours.pos, avsc.pos);
        // Past the end of a value that did not fit the bytes are unspecified, for avsc too.
        if (avsc.pos <= size) assert.deepEqual(ours.bytes, avsc.bytes);
      }),
      { numRuns: 2000 },
    );
  });

  test('round-trip any text through a parsed string type once installed', () => {
    installShortStrings();
    const type = Type.forSchema('string');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const bytes = type.toBuffer(s);
        assert.deepEqual(bytes, Buffer.concat([long(Buffer.byteLength(s)), Buffer.from(s)]));
        assert.equal(type.fromBuffer(bytes), s);
      }),
    );
  });

  test('leave a short read to avsc\'s decode to report, as before', () => {
    installShortStrings();
    const type = Type.forSchema('string');
    assert.throws(() => type.fromBuffer(Buffer.from([6, 0x61])), /truncated buffer/);
    assert.deepEqual(type.decode(Buffer.from([6, 0x61]), 0), { value: undefined, offset: -1 });
  });
});
