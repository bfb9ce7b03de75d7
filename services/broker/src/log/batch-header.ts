/**
 * The 61-byte header of a RecordBatch v2, the unit the log stores, indexes and serves
 * (https://kafka.apache.org/documentation/#recordbatch):
 *
 *   baseOffset: int64            offset 0   (not covered by the CRC, so the log rewrites it in place)
 *   batchLength: int32           offset 8   (bytes after this field)
 *   partitionLeaderEpoch: int32  offset 12
 *   magic: int8 (= 2)            offset 16
 *   crc: uint32                  offset 17  (CRC-32C of attributes .. end of batch)
 *   attributes: int16            offset 21  (bits 0-2 compression, 3 timestamp type, 4 transactional, 5 control)
 *   lastOffsetDelta: int32       offset 23
 *   baseTimestamp: int64         offset 27
 *   maxTimestamp: int64          offset 35
 *   producerId: int64            offset 43
 *   producerEpoch: int16         offset 51
 *   baseSequence: int32          offset 53
 *   recordsCount: int32          offset 57
 *
 * Offsets, timestamps and producer ids are int64 on disk and JS numbers here: exact up to
 * 2^53, which no offset or millisecond timestamp of this broker will reach.
 * Kept apart from libs/kafka-protocol's record-batch codec on purpose: the log needs only
 * these fields, read from byte ranges of segment files, never a decoded batch.
 */
import { crc32c } from '@node-rs/crc32';

export const HEADER_SIZE = 61;
/** baseOffset + batchLength: the bytes of a batch that batchLength does not count. */
export const LOG_OVERHEAD = 12;
export const MAGIC_V2 = 2;
export const NO_PRODUCER_ID = -1;
export const NO_TIMESTAMP = -1;
export const INT32_MAX = 2 ** 31 - 1;

const BATCH_LENGTH = 8;
const MAGIC = 16;
const CRC = 17;
const ATTRIBUTES = 21;
const LAST_OFFSET_DELTA = 23;
const BASE_TIMESTAMP = 27;
const MAX_TIMESTAMP = 35;
const PRODUCER_ID = 43;
const PRODUCER_EPOCH = 51;
const BASE_SEQUENCE = 53;
const RECORDS_COUNT = 57;

const COMPRESSION_MASK = 0x07;
const LOG_APPEND_TIME_FLAG = 0x08;
const CONTROL_FLAG = 0x20;

export interface BatchHeader {
  readonly baseOffset: number;
  /** Whole batch in bytes, LOG_OVERHEAD included. */
  readonly size: number;
  readonly magic: number;
  readonly crc: number;
  readonly attributes: number;
  readonly lastOffsetDelta: number;
  readonly baseTimestamp: number;
  readonly maxTimestamp: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordsCount: number;
}

/** Reads the header at `pos`; the caller ensures HEADER_SIZE bytes are there. */
export function readBatchHeader(buf: Buffer, pos = 0): BatchHeader {
  return {
    baseOffset: Number(buf.readBigInt64BE(pos)),
    size: buf.readInt32BE(pos + BATCH_LENGTH) + LOG_OVERHEAD,
    magic: buf.readInt8(pos + MAGIC),
    crc: buf.readUInt32BE(pos + CRC),
    attributes: buf.readInt16BE(pos + ATTRIBUTES),
    lastOffsetDelta: buf.readInt32BE(pos + LAST_OFFSET_DELTA),
    baseTimestamp: Number(buf.readBigInt64BE(pos + BASE_TIMESTAMP)),
    maxTimestamp: Number(buf.readBigInt64BE(pos + MAX_TIMESTAMP)),
    producerId: Number(buf.readBigInt64BE(pos + PRODUCER_ID)),
    producerEpoch: buf.readInt16BE(pos + PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(pos + BASE_SEQUENCE),
    recordsCount: buf.readInt32BE(pos + RECORDS_COUNT),
  };
}

export function lastOffsetOf(h: BatchHeader): number {
  return h.baseOffset + h.lastOffsetDelta;
}

export function isCompressed(h: BatchHeader): boolean {
  return (h.attributes & COMPRESSION_MASK) !== 0;
}

export function isControl(h: BatchHeader): boolean {
  return (h.attributes & CONTROL_FLAG) !== 0;
}

export function isLogAppendTime(h: BatchHeader): boolean {
  return (h.attributes & LOG_APPEND_TIME_FLAG) !== 0;
}

/**
 * The sequence of the batch's last record. Sequences are int32 and wrap from 2^31-1 to 0
 * (Kafka's DefaultRecordBatch.incrementSequence).
 */
export function lastSequenceOf(h: BatchHeader): number {
  return incrementSequence(h.baseSequence, h.lastOffsetDelta);
}

export function incrementSequence(sequence: number, increment: number): number {
  return sequence > INT32_MAX - increment ? increment - (INT32_MAX - sequence) - 1 : sequence + increment;
}

/** Does the stored CRC-32C match the bytes from attributes to the end of the batch? */
export function crcMatches(buf: Buffer, pos: number, size: number): boolean {
  return crc32c(buf.subarray(pos + ATTRIBUTES, pos + size)) === buf.readUInt32BE(pos + CRC);
}

export function writeCrc(buf: Buffer, pos: number, size: number): void {
  buf.writeUInt32BE(crc32c(buf.subarray(pos + ATTRIBUTES, pos + size)), pos + CRC);
}

/** The CRC does not cover baseOffset, so assigning offsets costs one 8-byte write. */
export function writeBaseOffset(buf: Buffer, pos: number, baseOffset: number): void {
  buf.writeBigInt64BE(BigInt(baseOffset), pos);
}

/**
 * message.timestamp.type=LogAppendTime: like Kafka's DefaultRecordBatch.setMaxTimestamp, set
 * the timestamp-type bit and maxTimestamp to the broker's clock; readers then take every
 * record's timestamp from maxTimestamp. Both fields are under the CRC, so it is recomputed.
 */
export function stampLogAppendTime(buf: Buffer, pos: number, size: number, now: number): void {
  buf.writeInt16BE(buf.readInt16BE(pos + ATTRIBUTES) | LOG_APPEND_TIME_FLAG, pos + ATTRIBUTES);
  buf.writeBigInt64BE(BigInt(now), pos + MAX_TIMESTAMP);
  writeCrc(buf, pos, size);
}

/** Rewrites the fields a compacted copy of a batch changes: its length and record count. */
export function writeLengthAndCount(buf: Buffer, pos: number, size: number, recordsCount: number): void {
  buf.writeInt32BE(size - LOG_OVERHEAD, pos + BATCH_LENGTH);
  buf.writeInt32BE(recordsCount, pos + RECORDS_COUNT);
}
