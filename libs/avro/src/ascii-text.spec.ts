import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { asciiText } from './ascii-text';

describe('asciiText', () => {
  test('is the bytes\' text when all are ASCII, and undefined otherwise, for any bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ maxLength: 80 }).map((bytes) => bytes.map((b) => b & 0x7f))),
        fc.nat(6),
        fc.nat(6),
        (bytes, before, after) => {
          const buf = Buffer.concat([Buffer.alloc(before, 0xff), bytes, Buffer.alloc(after, 0xff)]);
          const ascii = bytes.every((b) => b < 0x80);
          assert.equal(asciiText(buf, before, bytes.length), ascii ? Buffer.from(bytes).toString('latin1') : undefined);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('sees a non-ASCII byte at every position of every length', () => {
    for (let length = 1; length <= 70; length++) {
      const bytes = Buffer.alloc(length, 0x61);
      assert.equal(asciiText(bytes, 0, length), 'a'.repeat(length));
      for (let at = 0; at < length; at++) {
        for (const byte of [0x80, 0xc3, 0xff]) {
          bytes[at] = byte;
          assert.equal(asciiText(bytes, 0, length), undefined, `${length} bytes, ${byte} at ${at}`);
        }
        bytes[at] = 0x7f;
        assert.equal(asciiText(bytes, 0, length), 'a'.repeat(at) + '\x7f' + 'a'.repeat(length - at - 1));
        bytes[at] = 0x61;
      }
    }
  });
});
