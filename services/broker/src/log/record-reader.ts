/**
 * Just enough of a v2 record to compact and to search by timestamp, read from an
 * uncompressed batch (https://kafka.apache.org/documentation/#record):
 *
 *   length: varint, attributes: int8, timestampDelta: varlong, offsetDelta: varint,
 *   keyLength: varint, key: byte[], valueLength: varint, value: byte[], headers: [Header]
 *
 * Each record is a self-contained byte range whose deltas are relative to the batch's
 * baseOffset and baseTimestamp, so compaction copies the ranges it keeps untouched.
 * Compressed batches are not read here: that would need snappy/lz4/zstd, which we do not
 * ship, so the log leaves them whole (see compaction.ts).
 */
import { KafkaProtocolError } from '@tributary/kafka-protocol';
import { HEADER_SIZE } from './batch-header';

export interface StoredRecord {
  readonly offsetDelta: number;
  readonly timestampDelta: number;
  /** null for a keyless record. */
  readonly key: Buffer | null;
  /** A tombstone: the value is null. */
  readonly isTombstone: boolean;
  /** The record's bytes in the batch buffer, its length varint included. */
  readonly start: number;
  readonly end: number;
}

/** The records of one uncompressed batch that starts at `batch[0]`. */
export function readRecords(batch: Buffer, recordsCount: number): StoredRecord[] {
  const cursor = { pos: HEADER_SIZE };
  const records: StoredRecord[] = [];
  for (let i = 0; i < recordsCount; i++) {
    const start = cursor.pos;
    const length = readVarint(batch, cursor);
    const bodyStart = cursor.pos;
    const end = bodyStart + length;
    if (length < 0 || end > batch.length) throw corrupt(`record ${i} runs past the batch`);
    cursor.pos += 1; // attributes: unused in v2
    const timestampDelta = readVarint(batch, cursor);
    const offsetDelta = readVarint(batch, cursor);
    const keyLength = readVarint(batch, cursor);
    const key = keyLength < 0 ? null : batch.subarray(cursor.pos, cursor.pos + keyLength);
    if (keyLength > 0) cursor.pos += keyLength;
    const valueLength = readVarint(batch, cursor);
    if (cursor.pos > end) throw corrupt(`record ${i} fields run past its length`);
    records.push({ offsetDelta, timestampDelta, key, isTombstone: valueLength < 0, start, end });
    cursor.pos = end;
  }
  return records;
}

/** Zigzag varint (protobuf style, as Kafka's ByteUtils.readVarint/readVarlong); numbers, exact to 2^53. */
function readVarint(buf: Buffer, cursor: { pos: number }): number {
  let raw = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (cursor.pos >= buf.length) throw corrupt('varint runs past the batch');
    const byte = buf[cursor.pos++];
    raw += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
    scale *= 128;
  }
  throw corrupt('varint longer than 10 bytes');
}

function corrupt(detail: string): KafkaProtocolError {
  return new KafkaProtocolError('CORRUPT_MESSAGE', detail);
}
