import { Decoder } from '../decoder';
import { KafkaProtocolError } from '../errors';

/**
 * RecordBatch v2 header (https://kafka.apache.org/documentation/#recordbatch):
 *
 *   baseOffset: int64
 *   batchLength: int32            bytes after this field, to the end of the batch
 *   partitionLeaderEpoch: int32
 *   magic: int8                   (current magic value is 2)
 *   crc: uint32                   CRC-32C from attributes to the end of the batch
 *   attributes: int16
 *     bit 0~2: compression (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd)
 *     bit 3: timestampType (0 CreateTime, 1 LogAppendTime)
 *     bit 4: isTransactional
 *     bit 5: isControlBatch
 *     bit 6~15: unused here (bit 6 is KIP-534's delete horizon, set only by compaction)
 *   lastOffsetDelta: int32
 *   baseTimestamp: int64          (the docs' "firstTimestamp")
 *   maxTimestamp: int64
 *   producerId: int64
 *   producerEpoch: int16
 *   baseSequence: int32
 *   recordsCount: int32           (not in the docs' table, but on the wire: 61 bytes in all)
 *   records: [Record]
 *
 * The magic byte sits at byte 16 in every message format (v0 and v1 message sets too),
 * which is how a reader tells the formats apart before trusting the rest of the layout.
 */
export const BATCH_FIELD_OFFSET = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  firstTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordCount: 57,
} as const;

/** Bytes before the first record. */
export const BATCH_HEADER_SIZE = 61;
/** baseOffset + batchLength: the part of the header that batchLength does not count. */
export const LOG_OVERHEAD = 12;
export const RECORD_BATCH_MAGIC = 2;

export const COMPRESSION = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const;
export type Compression = (typeof COMPRESSION)[keyof typeof COMPRESSION];
export const COMPRESSION_NAMES: Readonly<Record<number, string>> = { 0: 'none', 1: 'gzip', 2: 'snappy', 3: 'lz4', 4: 'zstd' };

/** Kafka's TimestampType ids. */
export const TIMESTAMP_TYPE = { CREATE_TIME: 0, LOG_APPEND_TIME: 1 } as const;
export type TimestampType = (typeof TIMESTAMP_TYPE)[keyof typeof TIMESTAMP_TYPE];

export const ATTRIBUTE_MASK = { compression: 0x07, timestampType: 0x08, transactional: 0x10, control: 0x20 } as const;

export interface BatchHeader {
  readonly baseOffset: number;
  readonly batchLength: number;
  readonly partitionLeaderEpoch: number;
  readonly magic: number;
  /** Unsigned, as written. */
  readonly crc: number;
  readonly attributes: number;
  readonly lastOffsetDelta: number;
  readonly firstTimestamp: number;
  readonly maxTimestamp: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly recordCount: number;
  /** Raw 3-bit codec id; values 5..7 are invalid and rejected by splitBatches. */
  readonly compression: number;
  readonly isTransactional: boolean;
  readonly isControl: boolean;
  readonly timestampType: TimestampType;
}

/** Reads the 61-byte header at `offset`; checks only that the bytes are there. */
export function parseBatchHeader(buf: Buffer, offset = 0): BatchHeader {
  if (buf.length - offset < BATCH_HEADER_SIZE) {
    throw new KafkaProtocolError('CORRUPT_MESSAGE', `record batch header needs ${BATCH_HEADER_SIZE} bytes, ${buf.length - offset} left`);
  }
  const d = new Decoder(buf, offset, offset + BATCH_HEADER_SIZE);
  const baseOffset = d.int64();
  const batchLength = d.int32();
  const partitionLeaderEpoch = d.int32();
  const magic = d.int8();
  const crc = d.uint32();
  const attributes = d.int16();
  return {
    baseOffset,
    batchLength,
    partitionLeaderEpoch,
    magic,
    crc,
    attributes,
    lastOffsetDelta: d.int32(),
    firstTimestamp: d.int64(),
    maxTimestamp: d.int64(),
    producerId: d.int64(),
    producerEpoch: d.int16(),
    baseSequence: d.int32(),
    recordCount: d.int32(),
    compression: attributes & ATTRIBUTE_MASK.compression,
    isTransactional: (attributes & ATTRIBUTE_MASK.transactional) !== 0,
    isControl: (attributes & ATTRIBUTE_MASK.control) !== 0,
    timestampType: attributes & ATTRIBUTE_MASK.timestampType ? TIMESTAMP_TYPE.LOG_APPEND_TIME : TIMESTAMP_TYPE.CREATE_TIME,
  };
}
