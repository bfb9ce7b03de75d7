import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OffsetIndex } from './offset-index';
import { TimeIndex } from './time-index';

describe('offset index', () => {
  const index = new OffsetIndex();
  for (let i = 1; i <= 200; i++) index.append(i * 10, i * 4096);

  test('a lookup returns the position of the last entry at or below the offset', () => {
    assert.equal(index.lookup(5), 0);
    assert.equal(index.lookup(10), 4096);
    assert.equal(index.lookup(19), 4096);
    assert.equal(index.lookup(1995), 199 * 4096);
    assert.equal(index.lookup(1_000_000), 200 * 4096);
  });

  test('entries survive a round trip through their file bytes', () => {
    const copy = OffsetIndex.fromBuffer(index.toBuffer(), 201 * 4096);
    assert.ok(copy);
    assert.equal(copy.entries, 200);
    assert.equal(copy.lookup(1234), index.lookup(1234));
  });

  test('index bytes pointing past the segment or out of order are rejected', () => {
    assert.equal(OffsetIndex.fromBuffer(index.toBuffer(), 100 * 4096), null);
    assert.equal(OffsetIndex.fromBuffer(Buffer.alloc(7), 4096), null);
    const reversed = Buffer.concat([index.toBuffer().subarray(8, 16), index.toBuffer().subarray(0, 8)]);
    assert.equal(OffsetIndex.fromBuffer(reversed, 1 << 30), null);
  });
});

describe('time index', () => {
  test('a lookup gives the offset after which the first batch at or after the timestamp lies', () => {
    const index = new TimeIndex();
    index.maybeAppend(100, 10);
    index.maybeAppend(100, 20); // not larger: ignored
    index.maybeAppend(200, 30);
    index.maybeAppend(300, 40);
    assert.equal(index.lookup(50), 0);
    assert.equal(index.lookup(100), 0);
    assert.equal(index.lookup(101), 10);
    assert.equal(index.lookup(250), 30);
    assert.equal(index.lookup(10_000), 40);
    assert.equal(index.lastTimestamp, 300);
    assert.equal(TimeIndex.fromBuffer(index.toBuffer())?.lookup(250), 30);
  });
});
