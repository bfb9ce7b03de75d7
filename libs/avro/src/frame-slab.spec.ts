import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Type } from 'avsc';
import { FrameSlab } from './frame-slab';

const record = Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'text', type: 'string' }, { name: 'n', type: 'long' }] });

describe('FrameSlab', () => {
  test('hands out frames of avsc\'s bytes after 5 bytes of room, none overwritten by later writes, across slabs of any size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.record({ text: fc.string({ maxLength: 120 }), n: fc.integer({ min: -(2 ** 53 - 2), max: 2 ** 53 - 2 }) }), { maxLength: 40 }),
        (slabBytes, values) => {
          const slab = new FrameSlab(slabBytes);
          const frames = values.map((value) => slab.write(record, value));
          frames.forEach((frame, i) => assert.deepEqual(frame.subarray(5), record.toBuffer(values[i])));
        },
      ),
    );
  });

  test('hands out nothing for a value avsc refuses, and goes on writing', () => {
    const slab = new FrameSlab(64);
    const first = slab.write(record, { text: 'a', n: 1 });
    const copy = Buffer.from(first);
    assert.throws(() => slab.write(record, { text: 'b'.repeat(40), n: 'x' }));
    const second = slab.write(record, { text: 'c', n: 2 });
    assert.deepEqual(first, copy);
    assert.deepEqual(second.subarray(5), record.toBuffer({ text: 'c', n: 2 }));
    assert.equal(second.byteOffset, first.byteOffset + first.length); // the refused value's bytes were not kept
  });

  test('gives a value larger than a slab a buffer of its own size', () => {
    const slab = new FrameSlab(16);
    const frame = slab.write(record, { text: 'x'.repeat(1000), n: 0 });
    assert.equal(frame.length, 5 + record.toBuffer({ text: 'x'.repeat(1000), n: 0 }).length);
    assert.equal(frame.buffer.byteLength >= frame.length, true);
  });
});
