import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setLogAppendTime } from './append-stamps';
import { BATCH_FIELD_OFFSET, TIMESTAMP_TYPE } from './batch-header';
import { decodeRecords } from './decode-records';
import { encodeBatch, type RecordToEncode } from './encode-batch';
import { kafkajsDecodeBatch } from './kafkajs-batch.fixture';
import { splitBatches } from './split-batches';

const records: RecordToEncode[] = [
  { offset: 100, timestamp: 1_700_000_000_050, key: Buffer.from('k1'), value: Buffer.from('v1'), headers: [{ key: 'h', value: Buffer.from('x') }] },
  // Timestamps before the first record give negative deltas; offsets with a gap, as after compaction.
  { offset: 103, timestamp: 1_700_000_000_000, key: null, value: Buffer.from('v2'), headers: [{ key: 'n', value: null }] },
  { offset: 104, timestamp: 1_700_000_000_090, key: Buffer.from('k3'), value: null },
];

test('our batch passes our own CRC check with the header fields we asked for', () => {
  const bytes = encodeBatch({ baseOffset: 100, records, producerId: 9, producerEpoch: 2, baseSequence: 5, isTransactional: true });
  const [{ header }] = splitBatches(bytes);
  assert.deepEqual(
    [header.baseOffset, header.lastOffsetDelta, header.firstTimestamp, header.maxTimestamp, header.recordCount],
    [100, 4, 1_700_000_000_050, 1_700_000_000_090, 3],
  );
  assert.deepEqual([header.producerId, header.producerEpoch, header.baseSequence, header.partitionLeaderEpoch], [9, 2, 5, -1]);
  assert.equal(header.isTransactional, true);
});

test("our batch's CRC equals kafkajs's own CRC-32C of the same bytes", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kafkajsCrc32C = require('kafkajs/src/protocol/recordBatch/crc32C') as (b: Buffer) => number;
  for (const bytes of [encodeBatch({ baseOffset: 100, records }), setLogAppendTimeCopy(encodeBatch({ baseOffset: 0, records }))]) {
    assert.equal(bytes.readUInt32BE(BATCH_FIELD_OFFSET.crc), kafkajsCrc32C(bytes.subarray(BATCH_FIELD_OFFSET.attributes)) >>> 0);
  }
});

function setLogAppendTimeCopy(bytes: Buffer): Buffer {
  setLogAppendTime(bytes, 1_800_000_000_000);
  return bytes;
}

test('our batch decodes with our decoder to the same records', () => {
  const decoded = decodeRecords(encodeBatch({ baseOffset: 100, records }));
  assert.deepEqual(decoded, records.map((r) => ({ ...r, headers: r.headers ?? [] })));
});

test("our batch decodes with kafkajs's RecordBatch decoder to the same records", async () => {
  const decoded = await kafkajsDecodeBatch(encodeBatch({ baseOffset: 100, records, producerId: 9, producerEpoch: 2, baseSequence: 5 }));
  assert.equal(decoded.firstOffset, '100');
  assert.deepEqual([decoded.producerId, decoded.producerEpoch, decoded.firstSequence], ['9', 2, 5]);
  assert.deepEqual(
    decoded.records.map((r) => [r.offset, r.timestamp, r.key, r.value]),
    records.map((r) => [String(r.offset), String(r.timestamp), r.key, r.value]),
  );
  assert.deepEqual(decoded.records[0].headers, { h: Buffer.from('x') });
  assert.deepEqual(decoded.records[1].headers, { n: null });
});

test('records without offsets get consecutive ones from the base offset', () => {
  const bytes = encodeBatch({ baseOffset: 7, records: [{ timestamp: 1, key: null, value: null }, { timestamp: 2, key: null, value: null }] });
  assert.deepEqual(decodeRecords(bytes).map((r) => r.offset), [7, 8]);
  assert.equal(splitBatches(bytes)[0].header.lastOffsetDelta, 1);
});

test('a LogAppendTime batch gives every record the max timestamp, in ours and in kafkajs', async () => {
  const bytes = encodeBatch({ baseOffset: 0, records, timestampType: TIMESTAMP_TYPE.LOG_APPEND_TIME, maxTimestamp: 1_800_000_000_000 });
  assert.deepEqual(decodeRecords(bytes).map((r) => r.timestamp), [1_800_000_000_000, 1_800_000_000_000, 1_800_000_000_000]);
  const decoded = await kafkajsDecodeBatch(bytes);
  assert.deepEqual(decoded.records.map((r) => r.timestamp), ['1800000000000', '1800000000000', '1800000000000']);
});

test('an empty batch keeps the lastOffsetDelta compaction asks for and NO_TIMESTAMP', () => {
  const [{ header }] = splitBatches(encodeBatch({ baseOffset: 50, records: [], lastOffsetDelta: 9 }));
  assert.deepEqual([header.recordCount, header.lastOffsetDelta, header.firstTimestamp, header.maxTimestamp], [0, 9, -1, -1]);
});
