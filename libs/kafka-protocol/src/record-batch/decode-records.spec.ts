import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KafkaProtocolError } from '../errors';
import { writeBatchCrc } from './batch-crc';
import { BATCH_FIELD_OFFSET, COMPRESSION } from './batch-header';
import { decodeRecords } from './decode-records';
import { encodeBatch } from './encode-batch';
import { kafkajsBatch, type KafkajsMessage } from './kafkajs-batch.fixture';

const messages: KafkajsMessage[] = [
  { key: 'order-1', value: '{"total":12.5}', timestamp: 1_700_000_000_010, headers: { 'tributary-tenant': 'acme', traceparent: '00-ab' } },
  { key: null, value: null, timestamp: 1_700_000_000_000 },
  { key: Buffer.from([0, 1, 2]), value: 'x'.repeat(300), timestamp: 1_700_000_000_020, headers: { a: Buffer.alloc(0) } },
];

function expected(firstOffset: number) {
  return messages.map((m, i) => ({
    offset: firstOffset + i,
    timestamp: m.timestamp,
    key: m.key === null ? null : Buffer.from(m.key),
    value: m.value === null ? null : Buffer.from(m.value),
    headers: Object.entries(m.headers ?? {}).map(([key, value]) => ({ key, value: value === null ? null : Buffer.from(value) })),
  }));
}

test("an uncompressed kafkajs batch decodes to the records kafkajs was given", async () => {
  const batch = await kafkajsBatch({ messages, firstOffset: 42 });
  assert.deepEqual(decodeRecords(batch), expected(42));
});

test('a gzip kafkajs batch decodes to the same records', async () => {
  const batch = await kafkajsBatch({ messages, compression: COMPRESSION.GZIP, firstOffset: 7 });
  assert.deepEqual(decodeRecords(batch), expected(7));
});

test('snappy, lz4 and zstd batches fail with a message naming the codec', async () => {
  for (const [id, name] of [[COMPRESSION.SNAPPY, 'snappy'], [COMPRESSION.LZ4, 'lz4'], [COMPRESSION.ZSTD, 'zstd']] as const) {
    const batch = Buffer.from(await kafkajsBatch({ messages }));
    batch.writeInt16BE(id, BATCH_FIELD_OFFSET.attributes);
    assert.throws(() => decodeRecords(batch), (err: unknown) =>
      err instanceof KafkaProtocolError && err.type === 'UNSUPPORTED_COMPRESSION_TYPE' &&
      err.message.includes(`compression ${name} not decodable by the broker`));
  }
});

test('a record count larger than the records present fails with INVALID_RECORD', async () => {
  const batch = Buffer.from(await kafkajsBatch({ messages }));
  batch.writeInt32BE(4, BATCH_FIELD_OFFSET.recordCount);
  writeBatchCrc(batch);
  assert.throws(() => decodeRecords(batch), (err: unknown) => err instanceof KafkaProtocolError && err.type === 'INVALID_RECORD');
});

test('bytes left after the declared records fail with INVALID_RECORD', async () => {
  const batch = Buffer.from(await kafkajsBatch({ messages }));
  batch.writeInt32BE(2, BATCH_FIELD_OFFSET.recordCount);
  assert.throws(() => decodeRecords(batch), (err: unknown) =>
    err instanceof KafkaProtocolError && err.type === 'INVALID_RECORD' && /bytes remain/.test(err.message));
});

test('a record whose length prefix overruns the batch fails with INVALID_RECORD', () => {
  const batch = encodeBatch({ baseOffset: 0, records: [{ timestamp: 1, key: null, value: Buffer.from('abc') }] });
  batch[61] = 0x7e; // record length varint: 63, far more than the record holds
  assert.throws(() => decodeRecords(batch), (err: unknown) => err instanceof KafkaProtocolError && err.type === 'INVALID_RECORD');
});
