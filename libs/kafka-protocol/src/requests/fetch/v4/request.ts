import type { Decoder } from '../../../decoder';
import type { FetchPartition, FetchRequest, FetchTopic } from '../types';

/**
 * Fetch Request (Version: 4) => replica_id max_wait_ms min_bytes max_bytes isolation_level [topics]
 *   replica_id => INT32
 *   max_wait_ms => INT32
 *   min_bytes => INT32
 *   max_bytes => INT32
 *   isolation_level => INT8
 *   topics => topic [partitions]
 *     topic => STRING
 *     partitions => partition fetch_offset partition_max_bytes
 *       partition => INT32
 *       fetch_offset => INT64
 *       partition_max_bytes => INT32
 */
export type PartitionReader = (d: Decoder) => FetchPartition;

/** The fields before [topics], unchanged through v11. */
export function decodeHead(d: Decoder): Pick<FetchRequest, 'replicaId' | 'maxWaitMs' | 'minBytes' | 'maxBytes' | 'isolationLevel'> {
  return { replicaId: d.int32(), maxWaitMs: d.int32(), minBytes: d.int32(), maxBytes: d.int32(), isolationLevel: d.int8() };
}

export function decodeTopics(d: Decoder, readPartition: PartitionReader): FetchTopic[] {
  return d.array((d) => ({ name: d.string(), partitions: d.array(readPartition) }));
}

const decodePartition: PartitionReader = (d) => ({
  partitionIndex: d.int32(),
  fetchOffset: d.int64(),
  partitionMaxBytes: d.int32(),
});

export function decode(d: Decoder): FetchRequest {
  return { ...decodeHead(d), topics: decodeTopics(d, decodePartition) };
}
