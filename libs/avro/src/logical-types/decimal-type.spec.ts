import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Tap } from '../avsc-tap';
import { parseAvroSchema } from '../avro-schema';
import type { DecimalType } from './decimal-type';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Tap: AvscTap } = require('avsc/lib/utils') as { Tap: new (buf: Buffer, pos?: number) => Tap & { readBytes(): Buffer } };

type Internals = DecimalType & { _toValue(value: unknown): Buffer; _fromValue(bytes: Buffer): string; _read(tap: Tap): unknown };

const onBytes = [
  { precision: 18, scale: 4 },
  { precision: 6, scale: 2 },
  { precision: 30, scale: 10 },
  { precision: 3, scale: 0 },
].map((attrs) => parseAvroSchema({ type: 'bytes', logicalType: 'decimal', ...attrs }) as unknown as Internals);

/** What a call did: its result or its error's message, where it left the tap, and the bytes it wrote if they fit. */
function outcome(run: (tap: Tap) => unknown, buf: Buffer, pos: number): { value?: unknown; error?: string; pos: number; bytes?: string } {
  const tap = new AvscTap(buf, pos);
  try {
    const value = run(tap);
    return { value, pos: tap.pos, bytes: tap.pos <= buf.length ? buf.toString('hex') : undefined };
  } catch (error) {
    return { error: (error as Error).message, pos: tap.pos }; // the bytes of a write that threw are unspecified, as in avsc
  }
}

describe('decimal on bytes, straight to and from the tap', () => {
  test('writes what writing _toValue\'s bytes writes, or throws the same error, for any value and room', () => {
    const text = fc.tuple(fc.constantFrom('', '-'), fc.bigInt({ min: 0n, max: 10n ** 31n }), fc.nat(12)).map(([sign, n, point]) => {
      const digits = n.toString();
      const at = Math.max(1, digits.length - point);
      return sign + digits.slice(0, at) + (at < digits.length ? `.${digits.slice(at)}` : '');
    });
    const value = fc.oneof(text, fc.double(), fc.integer(), fc.string({ maxLength: 8 }), fc.anything());
    fc.assert(
      fc.property(fc.constantFrom(...onBytes), value, fc.nat(24), fc.nat(4), (type, v, room, pos) => {
        const ours = outcome((tap) => type._write(tap as never, v), Buffer.alloc(pos + room, 0xaa), pos);
        const reference = outcome((tap) => (tap as never as { writeBytes(b: Buffer): void }).writeBytes(type._toValue(v)), Buffer.alloc(pos + room, 0xaa), pos);
        assert.deepEqual(ours, reference);
      }),
      { numRuns: 5000 },
    );
  });

  test('reads what _fromValue makes of the bytes read, from any bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...onBytes), fc.uint8Array({ maxLength: 24 }), fc.nat(24), (type, bytes, at) => {
        const buf = Buffer.from(bytes);
        const pos = Math.min(at, buf.length);
        const ours = outcome((tap) => type._read(tap), buf, pos);
        const reference = outcome((tap) => {
          const read = (tap as Tap & { readBytes(): Buffer | undefined }).readBytes();
          return tap.pos > buf.length ? undefined : type._fromValue(read!);
        }, buf, pos);
        // A read that ran past the end leaves the tap anywhere past it: decode reports a short frame.
        const pastEnd = (o: typeof ours) => (o.pos > buf.length ? { ...o, pos: Infinity } : o);
        assert.deepEqual(pastEnd(ours), pastEnd(reference));
      }),
      { numRuns: 5000 },
    );
  });
});
