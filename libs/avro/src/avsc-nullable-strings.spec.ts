import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Type, types } from 'avsc';
import type { Tap } from './avsc-tap';
import { parseAvroSchema } from './avro-schema';
import { avscUnionRead, avscUnionWrite, readUnion, writeUnion } from './avsc-nullable-strings';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Tap: AvscTap } = require('avsc/lib/utils') as { Tap: new (buf: Buffer, pos?: number) => Tap };

type Union = ThisParameterType<typeof readUnion>;

const kind = { type: 'enum', name: 'Kind', symbols: ['A', 'B'] };
const unions = [
  ['null', 'string'],
  ['string', 'null'],
  ['null', kind],
  ['null', 'int', 'string'],
  ['string', 'int'],
  ['null', 'bytes'],
  ['null', { type: 'record', name: 'R', fields: [{ name: 's', type: 'string' }] }],
  ['null', 'string', { type: 'record', name: 'R', fields: [{ name: 's', type: 'string' }] }],
  [{ type: 'array', items: 'string' }, { type: 'record', name: 'R', fields: [{ name: 's', type: ['null', 'string'] }] }, 'bytes'],
  [{ type: 'map', values: 'int' }, 'string'],
  ['null', { type: 'string', logicalType: 'uuid' }],
  // A decimal string is ambiguous here (the string branch and the logical branch both take it): avsc throws.
  ['null', 'string', { type: 'fixed', name: 'F', size: 4, logicalType: 'decimal', precision: 6, scale: 2 }],
  ['null', { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 }],
  ['null', { type: 'map', values: 'string' }],
  ['null', { type: 'array', items: 'string' }],
  [{ type: 'int', logicalType: 'date' }, 'null'],
  ['null', { type: 'long', logicalType: 'timestamp-millis' }],
  ['boolean', { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 }], // a logical branch beside no null
].map((schema) => parseAvroSchema(schema) as unknown as Union & Type);

/** A logical type that claims null as well as text: with a null branch beside it, null is ambiguous and avsc throws. */
class NullishText extends types.LogicalType {
  protected override _fromValue(value: unknown): unknown {
    return value;
  }
  protected override _toValue(value: unknown): unknown {
    return value === null ? 'null' : value;
  }
}
/**
 * A logical type that checks what it writes (writeChecksValue) but also refuses, when writing,
 * some text its _check takes: the union must then throw that error, as avsc does.
 */
class PickyText extends types.LogicalType {
  readonly writeChecksValue = true;
  protected override _fromValue(value: unknown): unknown {
    return value;
  }
  protected override _toValue(value: unknown): unknown {
    if (value === 'A') throw new Error('picky refuses A when writing');
    return value;
  }
  _check(value: unknown): boolean {
    return typeof value === 'string';
  }
}
unions.push(
  Type.forSchema(['null', { type: 'string', logicalType: 'nullish' }] as never, {
    logicalTypes: { nullish: NullishText },
    wrapUnions: 'auto',
  }) as unknown as Union & Type,
  Type.forSchema([{ type: 'string', logicalType: 'picky' }, 'null'] as never, {
    logicalTypes: { picky: PickyText },
    wrapUnions: 'auto',
  }) as unknown as Union & Type,
);

/** What a call did: its result or its error's message, and where it left the tap. */
function outcome(run: () => unknown, tap: Tap): { value?: unknown; error?: string; pos: number } {
  try {
    return { value: run(), pos: tap.pos };
  } catch (error) {
    return { error: (error as Error).message, pos: tap.pos };
  }
}

const values = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 70 }),
  fc.string({ unit: 'binary', maxLength: 70 }),
  fc.constantFrom('A', 'B', 'C', '123e4567-e89b-12d3-a456-426614174000', '12.34', '1.234', '2024-02-29', '2023-02-29'),
  fc.date(),
  fc.integer(),
  fc.double(),
  fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes)),
  fc.record({ s: fc.string() }),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.anything(),
);

describe('null and string branches of unwrapped unions', () => {
  test('read exactly what avsc reads from any bytes, bad indices included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...unions), fc.uint8Array({ maxLength: 40 }), (union, bytes) => {
        const buf = Buffer.from(bytes);
        const ours = new AvscTap(buf);
        const avsc = new AvscTap(buf);
        assert.deepEqual(outcome(() => readUnion.call(union, ours), ours), outcome(() => avscUnionRead.call(union, avsc), avsc));
      }),
      { numRuns: 3000 },
    );
  });

  test('read back what avsc writes, for every union and any value it takes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...unions), values, (union, value) => {
        const buf = outcome(() => union.toBuffer(value), new AvscTap(Buffer.alloc(0))).value as Buffer | undefined;
        fc.pre(buf !== undefined); // a value no branch takes, or more than one does
        const ours = new AvscTap(buf);
        const avsc = new AvscTap(buf);
        assert.deepEqual(outcome(() => readUnion.call(union, ours), ours), outcome(() => avscUnionRead.call(union, avsc), avsc));
        assert.equal(ours.pos, buf.length);
      }),
    );
  });

  test('write exactly what avsc writes for any value, or throw the same error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...unions), values, fc.integer({ min: 0, max: 90 }), (union, value, size) => {
        const ours = new AvscTap(Buffer.alloc(size, 0xaa));
        const avsc = new AvscTap(Buffer.alloc(size, 0xaa));
        const oursDid = outcome(() => writeUnion.call(union, ours, value), ours);
        assert.deepEqual(oursDid, outcome(() => avscUnionWrite.call(union, avsc, value), avsc));
        if (oursDid.error === undefined && avsc.pos <= size) assert.deepEqual(ours.buf, avsc.buf);
      }),
      { numRuns: 3000 },
    );
  });

  test('write exactly what avsc writes for every union and one value of each kind', () => {
    const kinds = [null, undefined, 'x', 'A', '123e4567-e89b-12d3-a456-426614174000', '12.34', '2024-02-29', 'null', new Date(0), 7, true, { s: 'x' }, ['x'], Buffer.from([1]), { s: null }, { s: 1 }, {}, { a: 1 }, new Uint8Array([1])];
    for (const union of unions) {
      for (const value of kinds) {
        for (const size of [0, 3, 64]) {
          const ours = new AvscTap(Buffer.alloc(size, 0xaa));
          const avsc = new AvscTap(Buffer.alloc(size, 0xaa));
          const oursDid = outcome(() => writeUnion.call(union, ours, value), ours);
          const message = `${JSON.stringify(union.schema())} ${String(value)} in ${size} bytes`;
          assert.deepEqual(oursDid, outcome(() => avscUnionWrite.call(union, avsc, value), avsc), message);
          if (oursDid.error === undefined && avsc.pos <= size) assert.deepEqual(ours.buf, avsc.buf, message);
        }
      }
    }
  });

  test('are what parsed unions use', () => {
    const union = unions[0];
    assert.equal((union as unknown as { _read: unknown })._read, readUnion);
    assert.equal(union.fromBuffer(union.toBuffer('x')), 'x');
    assert.equal(union.fromBuffer(union.toBuffer(null)), null);
  });
});
