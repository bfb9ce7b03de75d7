import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameReader, FrameTooLargeError } from './frame-reader';

const frame = (body: string): Buffer => {
  const b = Buffer.from(body);
  const size = Buffer.alloc(4);
  size.writeInt32BE(b.length);
  return Buffer.concat([size, b]);
};

test('frames split across chunks at every byte come out whole and in order', () => {
  const stream = Buffer.concat([frame('hello'), frame(''), frame('kafka wire')]);
  for (let cut = 0; cut <= stream.length; cut++) {
    const reader = new FrameReader(1024);
    const out = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
    assert.deepEqual(out.map(String), ['hello', '', 'kafka wire']);
  }
});

test('a declared size over the limit is refused before its body arrives', () => {
  const reader = new FrameReader(16);
  assert.throws(() => reader.push(frame('x'.repeat(17)).subarray(0, 4)), FrameTooLargeError);
});

test('a negative size is refused', () => {
  assert.throws(() => new FrameReader(16).push(Buffer.from([0xff, 0xff, 0xff, 0xff])), FrameTooLargeError);
});
