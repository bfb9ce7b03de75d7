import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crcMatches, lastSequenceOf, readBatchHeader, stampLogAppendTime, writeBaseOffset } from './batch-header';
import { readRecords } from './record-reader';
import { decodeWithKafkajs, testBatch } from './test-batch';

describe('test batches and the batch header', () => {
  test('kafkajs decodes a test batch to the records it was built from', async () => {
    const batch = testBatch([
      { key: 'a', value: 'one', timestamp: 1000 },
      { key: null, value: null, timestamp: 1005 },
      { key: 'c', value: 'x'.repeat(300), timestamp: 999 },
    ]);
    assert.deepEqual(await decodeWithKafkajs(batch), [
      { offset: 0, key: 'a', value: 'one', timestamp: 1000 },
      { offset: 1, key: null, value: null, timestamp: 1005 },
      { offset: 2, key: 'c', value: 'x'.repeat(300), timestamp: 999 },
    ]);
  });

  test('the header reader reads the fields the encoder wrote', () => {
    const h = readBatchHeader(testBatch([{ value: 'a', timestamp: 5 }, { value: 'b', timestamp: 9 }], { producerId: 42, producerEpoch: 3, baseSequence: 7 }));
    assert.deepEqual(
      [h.baseOffset, h.magic, h.lastOffsetDelta, h.baseTimestamp, h.maxTimestamp, h.producerId, h.producerEpoch, h.baseSequence, h.recordsCount],
      [0, 2, 1, 5, 9, 42, 3, 7, 2],
    );
  });

  test('rewriting the base offset keeps the CRC valid, since the CRC does not cover it', () => {
    const batch = testBatch([{ value: 'a' }]);
    writeBaseOffset(batch, 0, 123456789);
    assert.equal(readBatchHeader(batch).baseOffset, 123456789);
    assert.ok(crcMatches(batch, 0, batch.length));
  });

  test('stamping LogAppendTime sets the flag and max timestamp and recomputes the CRC', async () => {
    const batch = testBatch([{ value: 'a', timestamp: 5 }, { value: 'b', timestamp: 6 }]);
    stampLogAppendTime(batch, 0, batch.length, 777);
    assert.ok(crcMatches(batch, 0, batch.length));
    assert.deepEqual((await decodeWithKafkajs(batch)).map((r) => r.timestamp), [777, 777]);
  });

  test('the last sequence wraps from 2^31-1 to 0 as in Kafka', () => {
    const records = [{ value: 'a' }, { value: 'b' }, { value: 'c' }];
    assert.equal(lastSequenceOf(readBatchHeader(testBatch(records, { producerId: 1, baseSequence: 10 }))), 12);
    assert.equal(lastSequenceOf(readBatchHeader(testBatch(records, { producerId: 1, baseSequence: 2 ** 31 - 2 }))), 0);
  });

  test('the record reader finds keys, tombstones and deltas', () => {
    const batch = testBatch([{ key: 'k', value: 'v', timestamp: 10 }, { key: 'k', value: null, timestamp: 12 }, { value: 'x', timestamp: 11 }]);
    const records = readRecords(batch, 3);
    assert.deepEqual(records.map((r) => [r.key?.toString() ?? null, r.isTombstone, r.offsetDelta, r.timestampDelta]), [
      ['k', false, 0, 0],
      ['k', true, 1, 2],
      [null, false, 2, 1],
    ]);
    assert.equal(records[2].end, batch.length);
  });
});
