import { Encoder } from '../encoder';
import { writeBatchCrc } from './batch-crc';
import type { RecordHeader } from './batch-record';
import { ATTRIBUTE_MASK, BATCH_FIELD_OFFSET, LOG_OVERHEAD, RECORD_BATCH_MAGIC, TIMESTAMP_TYPE, type TimestampType } from './batch-header';

export interface RecordToEncode {
  /** Absolute offset; defaults to baseOffset + position (compaction passes the original, with gaps). */
  readonly offset?: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: readonly RecordHeader[];
}

export interface EncodeBatchOptions {
  readonly baseOffset: number;
  readonly records: readonly RecordToEncode[];
  /** -1, -1, -1: no idempotent producer (Kafka's NO_PRODUCER_ID/EPOCH/SEQUENCE). */
  readonly producerId?: number;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
  /** -1 is Kafka's NO_PARTITION_LEADER_EPOCH. */
  readonly partitionLeaderEpoch?: number;
  readonly timestampType?: TimestampType;
  readonly isTransactional?: boolean;
  readonly isControl?: boolean;
  /**
   * Compaction keeps a batch's original lastOffsetDelta (and may keep a batch with no records
   * at all) so the producer's sequence numbers stay continuous; defaults to the last record's.
   */
  readonly lastOffsetDelta?: number;
  /** Defaults to the largest record timestamp; with LogAppendTime, pass the append time. */
  readonly maxTimestamp?: number;
}

/**
 * Builds one uncompressed RecordBatch v2 (grammar in batch-header.ts and batch-record.ts) with
 * its CRC. baseTimestamp is the first record's timestamp and deltas are taken from it, as
 * Kafka's MemoryRecordsBuilder does; an empty batch has baseTimestamp -1 (NO_TIMESTAMP).
 */
export function encodeBatch(options: EncodeBatchOptions): Buffer {
  const { baseOffset, records } = options;
  const firstTimestamp = records.length > 0 ? records[0].timestamp : -1;
  let maxTimestamp = -1;
  for (const r of records) if (r.timestamp > maxTimestamp) maxTimestamp = r.timestamp;
  const lastOffset = records.length > 0 ? (records[records.length - 1].offset ?? baseOffset + records.length - 1) : baseOffset;
  const attributes =
    (options.timestampType === TIMESTAMP_TYPE.LOG_APPEND_TIME ? ATTRIBUTE_MASK.timestampType : 0) |
    (options.isTransactional ? ATTRIBUTE_MASK.transactional : 0) |
    (options.isControl ? ATTRIBUTE_MASK.control : 0);

  const e = new Encoder(128 + records.length * 32);
  e.int64(baseOffset)
    .int32(0) // batchLength, patched below
    .int32(options.partitionLeaderEpoch ?? -1)
    .int8(RECORD_BATCH_MAGIC)
    .uint32(0) // crc, written last
    .int16(attributes)
    .int32(options.lastOffsetDelta ?? lastOffset - baseOffset)
    .int64(firstTimestamp)
    .int64(options.maxTimestamp ?? maxTimestamp)
    .int64(options.producerId ?? -1)
    .int16(options.producerEpoch ?? -1)
    .int32(options.baseSequence ?? -1)
    .int32(records.length);
  records.forEach((record, i) => {
    const body = encodeRecordBody(record, (record.offset ?? baseOffset + i) - baseOffset, record.timestamp - firstTimestamp);
    e.varint(body.length).raw(body);
  });
  e.patchInt32(BATCH_FIELD_OFFSET.batchLength, e.length - LOG_OVERHEAD);
  // A copy, so the batch does not pin the encoder's larger scratch buffer.
  const batch = Buffer.from(e.finish());
  writeBatchCrc(batch);
  return batch;
}

function encodeRecordBody(record: RecordToEncode, offsetDelta: number, timestampDelta: number): Buffer {
  const e = new Encoder(32 + (record.key?.length ?? 0) + (record.value?.length ?? 0));
  e.int8(0).varlong(timestampDelta).varint(offsetDelta);
  writeVarintBytes(e, record.key);
  writeVarintBytes(e, record.value);
  const headers = record.headers ?? [];
  e.varint(headers.length);
  for (const h of headers) {
    writeVarintBytes(e, Buffer.from(h.key, 'utf8'));
    writeVarintBytes(e, h.value);
  }
  return e.finish();
}

function writeVarintBytes(e: Encoder, b: Buffer | null): void {
  if (b === null) e.varint(-1);
  else e.varint(b.length).raw(b);
}
