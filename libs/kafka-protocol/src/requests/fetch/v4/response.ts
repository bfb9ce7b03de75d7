import type { Encoder } from '../../../encoder';
import type { FetchPartitionResponse, FetchResponse } from '../types';

/**
 * Fetch Response (Version: 4) => throttle_time_ms [responses]
 *   throttle_time_ms => INT32
 *   responses => topic [partitions]
 *     topic => STRING
 *     partitions => partition_index error_code high_watermark last_stable_offset [aborted_transactions] records
 *       partition_index => INT32
 *       error_code => INT16
 *       high_watermark => INT64
 *       last_stable_offset => INT64
 *       aborted_transactions => producer_id first_offset
 *         producer_id => INT64
 *         first_offset => INT64
 *       records => RECORDS
 */
export type PartitionWriter = (e: Encoder, p: FetchPartitionResponse) => void;

export const encodeOffsets: PartitionWriter = (e, p) => {
  e.int32(p.partitionIndex).int16(p.errorCode).int64(p.highWatermark).int64(p.lastStableOffset ?? -1);
};

/** A nullable array: Kafka sends null for READ_UNCOMMITTED fetches. */
export const encodeAbortedTransactions: PartitionWriter = (e, p) => {
  e.nullableArray(p.abortedTransactions ?? null, (e, t) => e.int64(t.producerId).int64(t.firstOffset));
};

const NO_RECORDS = Buffer.alloc(0);

/**
 * Every version ends a partition with its records. They go in as one copy of the stored
 * bytes, never decoded: the client parses the batches (and ignores a partial last one).
 * RECORDS is nullable on paper, but Kafka always sends an empty set and librdkafka fails the
 * whole response on a -1 size ("invalid MessageSetSize -1"), so null goes out as empty.
 */
export function partitionWriter(writeHeader: PartitionWriter): PartitionWriter {
  return (e, p) => {
    writeHeader(e, p);
    e.bytes(p.records ?? NO_RECORDS);
  };
}

export function encodeTopics(e: Encoder, res: FetchResponse, writePartition: PartitionWriter): void {
  e.array(res.topics, (e, t) => {
    e.string(t.name);
    e.array(t.partitions, writePartition);
  });
}

const encodePartition = partitionWriter((e, p) => {
  encodeOffsets(e, p);
  encodeAbortedTransactions(e, p);
});

export function encode(e: Encoder, res: FetchResponse): void {
  e.int32(res.throttleTimeMs ?? 0);
  encodeTopics(e, res, encodePartition);
}
