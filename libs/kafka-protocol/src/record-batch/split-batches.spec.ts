import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KafkaProtocolError } from '../errors';
import { writeBatchCrc } from './batch-crc';
import { BATCH_FIELD_OFFSET, COMPRESSION, TIMESTAMP_TYPE, parseBatchHeader } from './batch-header';
import { kafkajsBatch } from './kafkajs-batch.fixture';
import { splitBatches } from './split-batches';

const messages = [
  { key: 'k1', value: 'v1', timestamp: 1_700_000_000_000 },
  { key: null, value: 'v2', timestamp: 1_700_000_000_005 },
];

function rejects(records: Buffer, type: string, detail: RegExp): void {
  assert.throws(() => splitBatches(records), (err: unknown) => {
    assert.ok(err instanceof KafkaProtocolError, `expected KafkaProtocolError, got ${String(err)}`);
    assert.equal(err.type, type);
    assert.match(err.message, detail);
    return true;
  });
}

test("a kafkajs batch splits into one view whose header matches what kafkajs wrote", async () => {
  const bytes = await kafkajsBatch({ messages, producerId: 4000, producerEpoch: 3, firstSequence: 17, transactional: true });
  const [batch, ...rest] = splitBatches(bytes);
  assert.equal(rest.length, 0);
  assert.equal(batch.bytes.length, bytes.length);
  const h = batch.header;
  assert.deepEqual(
    [h.baseOffset, h.batchLength, h.magic, h.lastOffsetDelta, h.firstTimestamp, h.maxTimestamp, h.recordCount],
    [0, bytes.length - 12, 2, 1, 1_700_000_000_000, 1_700_000_000_005, 2],
  );
  assert.deepEqual([h.producerId, h.producerEpoch, h.baseSequence], [4000, 3, 17]);
  assert.equal(h.isTransactional, true);
  assert.equal(h.isControl, false);
  assert.equal(h.compression, COMPRESSION.NONE);
  assert.equal(h.timestampType, TIMESTAMP_TYPE.CREATE_TIME);
  assert.equal(h.crc, bytes.readUInt32BE(BATCH_FIELD_OFFSET.crc));
});

test('a gzip batch from kafkajs passes the CRC check and reports gzip', async () => {
  const bytes = await kafkajsBatch({ messages, compression: COMPRESSION.GZIP });
  assert.equal(splitBatches(bytes)[0].header.compression, COMPRESSION.GZIP);
});

test('concatenated batches split at their length prefixes', async () => {
  const a = await kafkajsBatch({ messages, firstOffset: 0 });
  const b = await kafkajsBatch({ messages: [messages[0]], firstOffset: 2 });
  const batches = splitBatches(Buffer.concat([a, b]));
  assert.deepEqual(batches.map((x) => [x.header.baseOffset, x.header.recordCount, x.bytes.length]), [
    [0, 2, a.length],
    [2, 1, b.length],
  ]);
});

test('an empty record set has no batches', () => {
  assert.deepEqual(splitBatches(Buffer.alloc(0)), []);
});

test('one flipped byte anywhere under the CRC fails with CORRUPT_MESSAGE', async () => {
  const bytes = await kafkajsBatch({ messages });
  for (const at of [BATCH_FIELD_OFFSET.attributes, BATCH_FIELD_OFFSET.recordCount + 2, bytes.length - 1]) {
    const copy = Buffer.from(bytes);
    copy[at] ^= 0x01;
    rejects(copy, 'CORRUPT_MESSAGE', /stored crc/);
  }
});

test('a batch cut short fails with CORRUPT_MESSAGE at every length', async () => {
  const bytes = await kafkajsBatch({ messages });
  for (let len = 1; len < bytes.length; len++) {
    assert.throws(() => splitBatches(bytes.subarray(0, len)), (err: unknown) => err instanceof KafkaProtocolError && err.type === 'CORRUPT_MESSAGE');
  }
});

test('a batch length below the header size fails with CORRUPT_MESSAGE', async () => {
  const bytes = Buffer.from(await kafkajsBatch({ messages }));
  bytes.writeInt32BE(20, BATCH_FIELD_OFFSET.batchLength);
  rejects(bytes, 'CORRUPT_MESSAGE', /below the header size/);
});

test('a magic other than 2 fails with INVALID_RECORD, as Kafka answers produce v3+', async () => {
  const bytes = Buffer.from(await kafkajsBatch({ messages }));
  bytes.writeInt8(1, BATCH_FIELD_OFFSET.magic);
  rejects(bytes, 'INVALID_RECORD', /magic 1/);
});

test('a negative record count under a valid CRC fails with INVALID_RECORD', async () => {
  const bytes = Buffer.from(await kafkajsBatch({ messages }));
  bytes.writeInt32BE(-1, BATCH_FIELD_OFFSET.recordCount);
  writeBatchCrc(bytes);
  rejects(bytes, 'INVALID_RECORD', /record count -1/);
});

test('an unknown compression id under a valid CRC fails with CORRUPT_MESSAGE', async () => {
  const bytes = Buffer.from(await kafkajsBatch({ messages }));
  bytes.writeInt16BE(6, BATCH_FIELD_OFFSET.attributes);
  writeBatchCrc(bytes);
  rejects(bytes, 'CORRUPT_MESSAGE', /compression id 6/);
});

test('parseBatchHeader refuses fewer than 61 bytes with CORRUPT_MESSAGE', () => {
  assert.throws(() => parseBatchHeader(Buffer.alloc(60)), (err: unknown) => err instanceof KafkaProtocolError && err.type === 'CORRUPT_MESSAGE');
});
