/**
 * Test-only: builds uncompressed RecordBatch v2 buffers the way a producer sends them
 * (baseOffset 0, offsetDelta = index, CRC-32C set). Used by the log's specs and its
 * benchmark; test-batch.spec.ts checks its output with kafkajs's own batch decoder.
 */
import { HEADER_SIZE, LOG_OVERHEAD, MAGIC_V2, NO_PRODUCER_ID, crcMatches as crcMatchesAt, writeCrc } from './batch-header';

export interface TestRecord {
  readonly key?: string | Buffer | null;
  readonly value: string | Buffer | null;
  readonly timestamp?: number;
}

export interface TestBatchOptions {
  readonly timestamp?: number;
  readonly producerId?: number;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
  /** Raw attributes (e.g. 1 for gzip, to test that compressed batches are left alone). */
  readonly attributes?: number;
}

export function testBatch(records: readonly TestRecord[], options: TestBatchOptions = {}): Buffer {
  const baseTimestamp = records[0]?.timestamp ?? options.timestamp ?? 1_700_000_000_000;
  const bodies = records.map((r, i) => encodeRecord(r, i, (r.timestamp ?? baseTimestamp) - baseTimestamp));
  const maxTimestamp = Math.max(baseTimestamp, ...records.map((r) => r.timestamp ?? baseTimestamp));
  const size = HEADER_SIZE + bodies.reduce((n, b) => n + b.length, 0);
  const buf = Buffer.alloc(size);
  buf.writeBigInt64BE(0n, 0);
  buf.writeInt32BE(size - LOG_OVERHEAD, 8);
  buf.writeInt32BE(0, 12);
  buf.writeInt8(MAGIC_V2, 16);
  buf.writeInt16BE(options.attributes ?? 0, 21);
  buf.writeInt32BE(records.length - 1, 23);
  buf.writeBigInt64BE(BigInt(baseTimestamp), 27);
  buf.writeBigInt64BE(BigInt(maxTimestamp), 35);
  buf.writeBigInt64BE(BigInt(options.producerId ?? NO_PRODUCER_ID), 43);
  buf.writeInt16BE(options.producerEpoch ?? (options.producerId === undefined ? -1 : 0), 51);
  buf.writeInt32BE(options.baseSequence ?? -1, 53);
  buf.writeInt32BE(records.length, 57);
  let pos = HEADER_SIZE;
  for (const body of bodies) pos += body.copy(buf, pos);
  writeCrc(buf, 0, size);
  return buf;
}

/** `count` records of `valueBytes` bytes each, keys "k<i>". */
export function testBatchOfSize(count: number, valueBytes: number, options: TestBatchOptions = {}): Buffer {
  const value = Buffer.alloc(valueBytes, 0x61);
  return testBatch(Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value })), options);
}

function encodeRecord(record: TestRecord, offsetDelta: number, timestampDelta: number): Buffer {
  const key = toBytes(record.key ?? null);
  const value = toBytes(record.value);
  const body = Buffer.concat([
    Buffer.from([0]),
    varint(timestampDelta),
    varint(offsetDelta),
    key === null ? varint(-1) : Buffer.concat([varint(key.length), key]),
    value === null ? varint(-1) : Buffer.concat([varint(value.length), value]),
    varint(0), // no headers
  ]);
  return Buffer.concat([varint(body.length), body]);
}

function toBytes(v: string | Buffer | null): Buffer | null {
  return v === null ? null : typeof v === 'string' ? Buffer.from(v) : v;
}

function varint(n: number): Buffer {
  let raw = n >= 0 ? n * 2 : -n * 2 - 1;
  const bytes: number[] = [];
  while (raw >= 0x80) {
    bytes.push((raw % 0x80) | 0x80);
    raw = Math.floor(raw / 0x80);
  }
  bytes.push(raw);
  return Buffer.from(bytes);
}

export interface DecodedRecord {
  readonly offset: number;
  readonly key: string | null;
  readonly value: string | null;
  readonly timestamp: number;
}

/**
 * Decodes the batches of a read with kafkajs's own RecordBatch decoder (the consumer's view),
 * an independent judge of what the log serves. Throws if a batch's CRC-32C is wrong.
 */
export async function decodeWithKafkajs(bytes: Buffer): Promise<DecodedRecord[]> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Decoder = require('kafkajs/src/protocol/decoder');
  const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const records: DecodedRecord[] = [];
  for (let pos = 0; pos < bytes.length; ) {
    const size = bytes.readInt32BE(pos + 8) + LOG_OVERHEAD;
    if (!crcMatchesAt(bytes, pos, size)) throw new Error(`CRC mismatch in the batch at ${pos}`);
    const batch = await decodeBatch(new Decoder(bytes.subarray(pos, pos + size)));
    for (const r of batch.records as Array<{ offset: string; key: Buffer | null; value: Buffer | null; timestamp: string }>) {
      records.push({ offset: Number(r.offset), key: r.key?.toString() ?? null, value: r.value?.toString() ?? null, timestamp: Number(r.timestamp) });
    }
    pos += size;
  }
  return records;
}
