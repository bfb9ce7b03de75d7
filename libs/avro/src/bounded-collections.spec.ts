import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'avsc';
import { parseAvroSchema } from './avro-schema';

// A varint as Avro writes longs (zigzag), for hand-made frames.
const long = (n: number) => Type.forSchema('long').toBuffer(n);

describe('bounded arrays and maps', () => {
  const lines = parseAvroSchema({ type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'n', type: 'long' }] } });
  const map = parseAvroSchema({ type: 'map', values: 'long' });

  test('read honest arrays and maps, in several blocks and with block sizes', () => {
    assert.deepEqual(lines.fromBuffer(lines.toBuffer([{ n: 1 }, { n: 2 }])).map((l: { n: number }) => l.n), [1, 2]);
    const blocks = Buffer.concat([long(-2), long(2), long(1), long(2), long(1), long(3), long(0)]);
    assert.deepEqual(lines.fromBuffer(blocks).map((l: { n: number }) => l.n), [1, 2, 3]);
    assert.deepEqual({ ...map.fromBuffer(map.toBuffer({ a: 1, b: 2 })) }, { a: 1, b: 2 });
  });

  test('stop at once when a map announces more entries than there are bytes left', () => {
    const lying = Buffer.concat([long(2 ** 50), Buffer.from([2, 0x61, 2])]);
    assert.throws(() => map.fromBuffer(lying), /a map block announces 1125899906842624 entries with 3 bytes left/);
  });

  test('stop at once when an array announces far more items than there are bytes left', () => {
    const lying = Buffer.concat([long(10 ** 9), long(1)]);
    assert.throws(() => lines.fromBuffer(lying), /an array block announces 1000000000 items with 1 bytes left/);
  });

  test('stop at the end of the buffer when a small lie runs past it', () => {
    const lying = Buffer.concat([long(5000), long(1)]);
    assert.throws(() => lines.fromBuffer(lying), /truncated buffer/);
  });

  test('still read arrays of zero-byte items, which can outnumber the bytes left', () => {
    const nulls = parseAvroSchema({ type: 'array', items: 'null' });
    assert.equal(nulls.fromBuffer(Buffer.concat([long(1000), long(0)])).length, 1000);
  });

  test('apply to resolved reads too', () => {
    const reader = parseAvroSchema({ type: 'map', values: 'double' });
    const lying = Buffer.concat([long(2 ** 40), Buffer.from([2, 0x61, 2])]);
    assert.throws(() => reader.fromBuffer(lying, reader.createResolver(map)), /a map block announces/);
  });

  test('keep a map entry named __proto__ as an entry, not as the object\'s prototype', () => {
    const read = map.fromBuffer(Buffer.concat([long(1), Type.forSchema('string').toBuffer('__proto__'), long(7), long(0)]));
    assert.equal(Object.getPrototypeOf(read), Object.prototype);
    assert.deepEqual(Object.entries(read), [['__proto__', 7]]);
  });
});
