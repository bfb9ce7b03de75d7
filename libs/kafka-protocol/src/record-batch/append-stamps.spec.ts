import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setBaseOffset, setLogAppendTime, setPartitionLeaderEpoch } from './append-stamps';
import { TIMESTAMP_TYPE } from './batch-header';
import { decodeRecords } from './decode-records';
import { kafkajsBatch, kafkajsDecodeBatch } from './kafkajs-batch.fixture';
import { splitBatches } from './split-batches';

const messages = [
  { key: 'a', value: '1', timestamp: 1_700_000_000_000 },
  { key: 'b', value: '2', timestamp: 1_700_000_000_003 },
];

test('setBaseOffset moves every record offset and leaves the CRC valid', async () => {
  const bytes = Buffer.from(await kafkajsBatch({ messages }));
  setBaseOffset(bytes, 2 ** 40 + 5);
  setPartitionLeaderEpoch(bytes, 3);
  const [{ header }] = splitBatches(bytes);
  assert.equal(header.baseOffset, 2 ** 40 + 5);
  assert.equal(header.partitionLeaderEpoch, 3);
  assert.deepEqual(decodeRecords(bytes).map((r) => r.offset), [2 ** 40 + 5, 2 ** 40 + 6]);
});

test('setLogAppendTime flips the timestamp type, sets maxTimestamp and rewrites the CRC', async () => {
  const bytes = Buffer.from(await kafkajsBatch({ messages, transactional: true }));
  setLogAppendTime(bytes, 1_750_000_000_000);
  const [{ header }] = splitBatches(bytes); // would throw on a stale CRC
  assert.equal(header.timestampType, TIMESTAMP_TYPE.LOG_APPEND_TIME);
  assert.equal(header.maxTimestamp, 1_750_000_000_000);
  assert.equal(header.firstTimestamp, 1_700_000_000_000);
  assert.equal(header.isTransactional, true, 'other attribute bits survive');
  assert.deepEqual(decodeRecords(bytes).map((r) => r.timestamp), [1_750_000_000_000, 1_750_000_000_000]);
  const decoded = await kafkajsDecodeBatch(bytes);
  assert.deepEqual(decoded.records.map((r) => r.timestamp), ['1750000000000', '1750000000000']);
});
