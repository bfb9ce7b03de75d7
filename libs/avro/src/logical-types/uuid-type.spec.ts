import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Tap } from '../avsc-tap';
import { parseAvroSchema } from '../avro-schema';
import type { UuidType } from './uuid-type';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Tap: AvscTap } = require('avsc/lib/utils') as { Tap: new (buf: Buffer, pos?: number) => Tap };

const type = parseAvroSchema({ type: 'string', logicalType: 'uuid' }) as unknown as UuidType & {
  _toValue(value: unknown): string;
  _fromValue(value: unknown): string;
};

/** What a write did: the error it threw, or where it left the tap and the bytes it wrote. */
function outcome(write: (tap: Tap) => void, size: number, pos: number): { error?: string; pos?: number; bytes?: string } {
  const tap = new AvscTap(Buffer.alloc(size, 0xaa), pos);
  try {
    write(tap);
  } catch (error) {
    return { error: (error as Error).message }; // the bytes of a write that threw are unspecified, as in avsc
  }
  return { pos: tap.pos, bytes: tap.pos <= size ? tap.buf.toString('hex') : undefined }; // past the end: avsc's encode resizes
}

/** What a read did: the value it returned or the error it threw, and where it left the tap. */
function readOutcome(read: (tap: Tap) => unknown, bytes: Buffer, pos: number): { value?: unknown; error?: string; pos: number } {
  const tap = new AvscTap(bytes, pos);
  try {
    return { value: read(tap), pos: tap.pos };
  } catch (error) {
    return { error: (error as Error).message, pos: tap.pos };
  }
}

describe('uuid reads', () => {
  test('read what readString and the check read, or throw the same error, from any bytes', () => {
    // A string's bytes as avsc writes them (36 chars make the length byte 72), often a UUID in
    // either case with one byte changed, cut short, or put anywhere in other bytes.
    const uuidBytes = fc
      .tuple(fc.uuid(), fc.boolean(), fc.nat(36), fc.nat(255), fc.boolean())
      .map(([uuid, upper, at, byte, edit]) => {
        const bytes = Buffer.concat([Buffer.from([72]), Buffer.from(upper ? uuid.toUpperCase() : uuid, 'latin1')]);
        if (edit) bytes[at] = byte;
        return bytes;
      });
    const framed = fc.tuple(fc.uint8Array({ maxLength: 4 }), uuidBytes, fc.nat(40), fc.uint8Array({ maxLength: 4 })).map(([before, uuid, cut, after]) => ({
      bytes: Buffer.concat([Buffer.from(before), uuid.subarray(0, uuid.length - (cut > 37 ? 0 : cut % 3)), Buffer.from(after)]),
      pos: before.length,
    }));
    const noise = fc.uint8Array({ maxLength: 50 }).chain((bytes) => fc.record({ bytes: fc.constant(Buffer.from(bytes)), pos: fc.nat(bytes.length) }));
    fc.assert(
      fc.property(fc.oneof(framed, noise), ({ bytes, pos }) => {
        const ours = readOutcome((tap) => type._read(tap as never), bytes, pos);
        const reference = readOutcome((tap) => type._fromValue(tap.readString()), bytes, pos);
        assert.deepEqual(ours, reference);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('uuid writes', () => {
  test('write what checking, lower-casing and writeString wrote, or throw the same error, for any value and room', () => {
    // UUIDs in mixed case, with one char (any code unit) put in, replaced or taken out.
    const mixedCase = fc
      .tuple(fc.uuid(), fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }))
      .map(([uuid, upper]) => [...uuid].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
    const nearUuid = fc
      .tuple(mixedCase, fc.nat(36), fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 1, 2, 3))
      .map(([text, at, code, edit]) => {
        const c = String.fromCharCode(code);
        return [text, text.slice(0, at) + c + text.slice(at + 1), text.slice(0, at) + c + text.slice(at), text.slice(0, at) + text.slice(at + 1)][edit];
      });
    const swapped = fc
      .tuple(mixedCase, fc.nat(35), fc.constantFrom('g', 'G', '-', '`', '@', '/', ':', 'F', 'f', '0', '9', '\n', 'é'))
      .map(([text, at, c]) => text.slice(0, at) + c + text.slice(at + 1));
    const value = fc.oneof(mixedCase, nearUuid, swapped, fc.string({ maxLength: 40 }), fc.anything());
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 48 }), fc.integer({ min: 0, max: 12 }), (v, size, pos) => {
        const ours = outcome((tap) => type._write(tap as never, v), size, pos);
        const reference = outcome((tap) => tap.writeString(type._toValue(v)), size, pos);
        assert.deepEqual(ours, reference);
      }),
      { numRuns: 5000 },
    );
  });

  test('put the lower-cased text after its length, as avsc writes a string', () => {
    const upper = '123E4567-E89B-12D3-A456-426614174ABC';
    const written = type.toBuffer(upper);
    assert.equal(written[0], 72); // zigzag varint of 36
    assert.equal(written.subarray(1).toString('latin1'), upper.toLowerCase());
  });
});
