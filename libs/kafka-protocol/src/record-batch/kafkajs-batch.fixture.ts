/**
 * Test-only: record batches built and read by kafkajs's own RecordBatch code, the independent
 * judge for our batch codec. Not exported from the library.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

export interface KafkajsMessage {
  key: Buffer | string | null;
  value: Buffer | string | null;
  timestamp: number;
  headers?: Record<string, Buffer | string | null>;
}

export interface KafkajsBatchOptions {
  messages: KafkajsMessage[];
  compression?: number;
  firstOffset?: number;
  producerId?: number;
  producerEpoch?: number;
  firstSequence?: number;
  transactional?: boolean;
}

/** The way kafkajs's produce v3 request builds a partition's batch (offset deltas 0..n-1). */
export async function kafkajsBatch(options: KafkajsBatchOptions): Promise<Buffer> {
  const Long = require('kafkajs/src/utils/long');
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0');
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0');
  const { messages } = options;
  const firstTimestamp = Math.min(...messages.map((m) => m.timestamp));
  const maxTimestamp = Math.max(...messages.map((m) => m.timestamp));
  const records = messages.map((m, i) =>
    Record({ key: m.key, value: m.value, headers: m.headers, offsetDelta: i, timestampDelta: m.timestamp - firstTimestamp }),
  );
  const encoder = await RecordBatch({
    compression: options.compression ?? 0,
    firstOffset: Long.fromNumber(options.firstOffset ?? 0),
    records,
    firstTimestamp,
    maxTimestamp,
    producerId: Long.fromNumber(options.producerId ?? -1),
    producerEpoch: options.producerEpoch ?? 0,
    firstSequence: options.firstSequence ?? 0,
    transactional: options.transactional ?? false,
    lastOffsetDelta: records.length - 1,
  });
  return encoder.buffer as Buffer;
}

export interface KafkajsDecodedRecord {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | Buffer[] | null>;
}

export interface KafkajsDecodedBatch {
  firstOffset: string;
  lastOffsetDelta: number;
  producerId: string;
  producerEpoch: number;
  firstSequence: number;
  timestampType: number;
  inTransaction: boolean;
  isControlBatch: boolean;
  records: KafkajsDecodedRecord[];
}

export async function kafkajsDecodeBatch(batch: Buffer): Promise<KafkajsDecodedBatch> {
  const Decoder = require('kafkajs/src/protocol/decoder');
  const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder');
  return decodeBatch(new Decoder(batch));
}
