import { gunzipSync } from 'node:zlib';
import { Decoder } from '../decoder';
import { KafkaProtocolError } from '../errors';
import { ProtocolDecodeError } from '../protocol-decode-error';
import type { BatchRecord, RecordHeader } from './batch-record';
import { BATCH_HEADER_SIZE, COMPRESSION, COMPRESSION_NAMES, LOG_OVERHEAD, TIMESTAMP_TYPE, parseBatchHeader } from './batch-header';

/**
 * Decodes the records of one whole v2 batch (uncompressed or gzip). The broker itself never
 * needs this to produce or fetch (batches pass through as bytes); compaction and tests do.
 * Key, value and header values are views over `batch` (or over the inflated buffer).
 *
 * Malformed records fail with INVALID_RECORD, as Kafka's `DefaultRecord.readFrom` and
 * `DefaultRecordBatch.RecordIterator` throw InvalidRecordException (premature EOF, a record
 * longer or shorter than its length prefix, bytes left after the declared count).
 */
export function decodeRecords(batch: Buffer): BatchRecord[] {
  const header = parseBatchHeader(batch);
  const end = LOG_OVERHEAD + header.batchLength;
  if (header.batchLength < BATCH_HEADER_SIZE - LOG_OVERHEAD || end > batch.length) {
    throw new KafkaProtocolError('CORRUPT_MESSAGE', `batch declares ${end} bytes, buffer holds ${batch.length}`);
  }
  if (header.recordCount < 0) {
    throw new KafkaProtocolError('INVALID_RECORD', `invalid record count ${header.recordCount}`);
  }
  const body = recordBytes(batch.subarray(BATCH_HEADER_SIZE, end), header.compression);
  const logAppendTime = header.timestampType === TIMESTAMP_TYPE.LOG_APPEND_TIME ? header.maxTimestamp : null;
  const d = new Decoder(body);
  const records = new Array<BatchRecord>(Math.min(header.recordCount, body.length));
  try {
    for (let i = 0; i < header.recordCount; i++) {
      const length = d.varint();
      const r = new Decoder(d.raw(length));
      r.int8(); // attributes: unused by every record format so far
      const timestampDelta = r.varlong();
      const offsetDelta = r.varint();
      const key = varintBytes(r);
      const value = varintBytes(r);
      const headers = readHeaders(r);
      if (r.remaining !== 0) throw new ProtocolDecodeError(`record ${i} has ${r.remaining} bytes beyond its fields`);
      records[i] = {
        offset: header.baseOffset + offsetDelta,
        timestamp: logAppendTime ?? header.firstTimestamp + timestampDelta,
        key,
        value,
        headers,
      };
    }
  } catch (err) {
    if (err instanceof ProtocolDecodeError) throw new KafkaProtocolError('INVALID_RECORD', err.message);
    throw err;
  }
  if (d.remaining !== 0) {
    throw new KafkaProtocolError('INVALID_RECORD', `${d.remaining} bytes remain after the declared ${header.recordCount} records`);
  }
  return records;
}

function recordBytes(payload: Buffer, compression: number): Buffer {
  if (compression === COMPRESSION.NONE) return payload;
  if (compression === COMPRESSION.GZIP) {
    try {
      return gunzipSync(payload);
    } catch (err) {
      throw new KafkaProtocolError('CORRUPT_MESSAGE', `gzip records do not inflate: ${(err as Error).message}`);
    }
  }
  const name = COMPRESSION_NAMES[compression] ?? `id ${compression}`;
  throw new KafkaProtocolError('UNSUPPORTED_COMPRESSION_TYPE', `compression ${name} not decodable by the broker`);
}

/** Kafka reads any negative length as null. */
function varintBytes(d: Decoder): Buffer | null {
  const len = d.varint();
  return len < 0 ? null : d.raw(len);
}

function readHeaders(d: Decoder): RecordHeader[] {
  const count = d.varint();
  // Each header takes at least two bytes, so a larger count than that is a lie.
  if (count < 0 || count * 2 > d.remaining) throw new ProtocolDecodeError(`invalid header count ${count}`);
  const headers = new Array<RecordHeader>(count);
  for (let i = 0; i < count; i++) {
    const keyLength = d.varint();
    if (keyLength < 0) throw new ProtocolDecodeError(`invalid negative header key size ${keyLength}`);
    const key = d.raw(keyLength).toString('utf8');
    headers[i] = { key, value: varintBytes(d) };
  }
  return headers;
}
