export {
  ATTRIBUTE_MASK,
  BATCH_FIELD_OFFSET,
  BATCH_HEADER_SIZE,
  COMPRESSION,
  COMPRESSION_NAMES,
  LOG_OVERHEAD,
  RECORD_BATCH_MAGIC,
  TIMESTAMP_TYPE,
  parseBatchHeader,
  type BatchHeader,
  type Compression,
  type TimestampType,
} from './batch-header';
export { computeBatchCrc, writeBatchCrc } from './batch-crc';
export { splitBatches, type BatchView } from './split-batches';
export { setBaseOffset, setLogAppendTime, setPartitionLeaderEpoch } from './append-stamps';
export { decodeRecords } from './decode-records';
export { encodeBatch, type EncodeBatchOptions, type RecordToEncode } from './encode-batch';
export type { BatchRecord, RecordHeader } from './batch-record';
