import { KafkaProtocolError } from '../errors';
import { computeBatchCrc } from './batch-crc';
import {
  BATCH_FIELD_OFFSET,
  BATCH_HEADER_SIZE,
  COMPRESSION,
  LOG_OVERHEAD,
  RECORD_BATCH_MAGIC,
  parseBatchHeader,
  type BatchHeader,
} from './batch-header';

/** One batch of a record set: `bytes` is a view over the request frame (not a copy). */
export interface BatchView {
  readonly bytes: Buffer;
  /** Parsed once, when split; it does not follow later setBaseOffset/setLogAppendTime calls. */
  readonly header: BatchHeader;
}

/**
 * Walks a produce request's `records` bytes into batches and validates each one the way
 * Kafka's broker does before appending, choosing the error code Kafka would answer:
 *
 * - magic other than 2: INVALID_RECORD. Produce v3+ may only carry v2 batches;
 *   `ProduceRequest.validateRecords` throws InvalidRecordException, which Kafka 2.4+
 *   (KIP-467) answers as INVALID_RECORD (87), not UNSUPPORTED_FOR_MESSAGE_FORMAT.
 * - size below the header, past the end of the buffer, or a CRC mismatch: CORRUPT_MESSAGE,
 *   as `DefaultRecordBatch.ensureValid` throws CorruptRecordException. (Kafka silently
 *   drops a partial trailing batch; nothing legitimate sends one in a produce request, so
 *   we refuse it instead of acknowledging records we did not store.)
 * - compression id 5..7: CORRUPT_MESSAGE: the attributes are under the CRC, so a batch
 *   naming no codec is garbage however well its checksum matches.
 * - negative recordCount: INVALID_RECORD, as `DefaultRecordBatch.RecordIterator` throws
 *   InvalidRecordException("Found invalid record count").
 *
 * Kafka also insists on exactly one batch per partition in produce v3+; that rule belongs to
 * the produce handler, so several batches are returned here.
 */
export function splitBatches(records: Buffer): BatchView[] {
  const batches: BatchView[] = [];
  let pos = 0;
  while (pos < records.length) {
    const left = records.length - pos;
    if (left <= BATCH_FIELD_OFFSET.magic) {
      throw new KafkaProtocolError('CORRUPT_MESSAGE', `${left} trailing bytes at byte ${pos} are not a record batch`);
    }
    const magic = records.readInt8(pos + BATCH_FIELD_OFFSET.magic);
    if (magic !== RECORD_BATCH_MAGIC) {
      throw new KafkaProtocolError('INVALID_RECORD', `record batch at byte ${pos} has magic ${magic}; produce v3+ requires magic 2`);
    }
    const batchLength = records.readInt32BE(pos + BATCH_FIELD_OFFSET.batchLength);
    if (batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD) {
      throw new KafkaProtocolError('CORRUPT_MESSAGE', `record batch at byte ${pos} declares ${batchLength} bytes, below the header size`);
    }
    const size = LOG_OVERHEAD + batchLength;
    if (size > left) {
      throw new KafkaProtocolError('CORRUPT_MESSAGE', `record batch at byte ${pos} declares ${size} bytes but only ${left} remain`);
    }
    const bytes = records.subarray(pos, pos + size);
    const header = parseBatchHeader(bytes);
    const crc = computeBatchCrc(bytes);
    if (crc !== header.crc) {
      throw new KafkaProtocolError('CORRUPT_MESSAGE', `record batch at byte ${pos}: stored crc ${header.crc}, computed ${crc}`);
    }
    if (header.compression > COMPRESSION.ZSTD) {
      throw new KafkaProtocolError('CORRUPT_MESSAGE', `record batch at byte ${pos} names unknown compression id ${header.compression}`);
    }
    if (header.recordCount < 0) {
      throw new KafkaProtocolError('INVALID_RECORD', `record batch at byte ${pos}: invalid record count ${header.recordCount}`);
    }
    batches.push({ bytes, header });
    pos += size;
  }
  return batches;
}
