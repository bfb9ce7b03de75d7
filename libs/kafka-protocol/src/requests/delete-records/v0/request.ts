import type { Decoder } from '../../../decoder';
import type { DeleteRecordsPartition, DeleteRecordsRequest, DeleteRecordsTopic } from '../types';

/**
 * DeleteRecords Request (Version: 0) => [topics] timeout_ms
 *   topics => name [partitions]
 *     name => STRING
 *     partitions => partition_index offset
 *       partition_index => INT32
 *       offset => INT64
 *   timeout_ms => INT32
 * Version 1 has the same layout.
 */
export function decode(d: Decoder): DeleteRecordsRequest {
  const topics = d.array(topic);
  return { topics, timeoutMs: d.int32() };
}

function topic(d: Decoder): DeleteRecordsTopic {
  return { name: d.string(), partitions: d.array(partition) };
}

function partition(d: Decoder): DeleteRecordsPartition {
  return { partitionIndex: d.int32(), offset: d.int64() };
}
