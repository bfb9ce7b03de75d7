import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAvroSchema } from './avro-schema';
import { FrameSlab } from './frame-slab';

const type = parseAvroSchema({ type: 'record', name: 'Blob', fields: [{ name: 'text', type: 'string' }, { name: 'n', type: 'long' }] });
const expected = (id: number, value: unknown) => Buffer.concat([Buffer.from([0, id >>> 24, (id >>> 16) & 255, (id >>> 8) & 255, id & 255]), type.toBuffer(value)]);

describe('FrameSlab', () => {
  test('writes each frame as the header then avsc\'s bytes, and never overwrites a frame it handed out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.integer({ min: 0, max: 0x7fffffff }), text: fc.oneof(fc.string({ maxLength: 300 }), fc.string({ minLength: 3000, maxLength: 9000 })), n: fc.maxSafeInteger() }), { maxLength: 60 }),
        (values) => {
          const slab = new FrameSlab();
          const frames = values.map(({ id, text, n }) => slab.write(id, type, { text, n }));
          values.forEach(({ id, text, n }, i) => assert.deepEqual(frames[i], expected(id, { text, n })));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('gives a frame larger than a slab a buffer of its own', () => {
    const slab = new FrameSlab();
    const big = slab.write(1, type, { text: 'x'.repeat(9000), n: 1 });
    assert.equal(big.byteOffset, 0);
    assert.equal(big.buffer.byteLength, big.length);
    const small = slab.write(1, type, { text: 'x', n: 1 });
    assert.notEqual(small.buffer, big.buffer);
  });

  test('throws what avsc throws on a value that does not match, and the next frame is whole', () => {
    const slab = new FrameSlab();
    const first = slab.write(7, type, { text: 'a', n: 1 });
    assert.throws(() => slab.write(7, type, { text: 'b'.repeat(40), n: 'one' }), /invalid "long"/);
    const next = slab.write(7, type, { text: 'c', n: 2 });
    assert.deepEqual(first, expected(7, { text: 'a', n: 1 }));
    assert.deepEqual(next, expected(7, { text: 'c', n: 2 }));
  });
});
