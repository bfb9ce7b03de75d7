import type { Decoder } from '../../../decoder';
import type { FetchForgottenTopic, FetchRequest } from '../types';
import { decodeHead, decodeTopics, type PartitionReader } from '../v4/request';
import { decodePartition as decodePartitionV5 } from '../v5/request';

/**
 * Fetch Request (Version: 7) => replica_id max_wait_ms min_bytes max_bytes isolation_level session_id session_epoch [topics] [forgotten_topics_data]
 *   replica_id => INT32
 *   max_wait_ms => INT32
 *   min_bytes => INT32
 *   max_bytes => INT32
 *   isolation_level => INT8
 *   session_id => INT32
 *   session_epoch => INT32
 *   topics => topic [partitions]
 *     topic => STRING
 *     partitions => partition fetch_offset log_start_offset partition_max_bytes
 *       partition => INT32
 *       fetch_offset => INT64
 *       log_start_offset => INT64
 *       partition_max_bytes => INT32
 *   forgotten_topics_data => topic [partitions]
 *     topic => STRING
 *     partitions => INT32
 *
 * v5 plus fetch sessions (KIP-227). v8 has the same layout (KIP-219 throttling).
 */
export function decodeWith(d: Decoder, readPartition: PartitionReader): FetchRequest {
  const head = decodeHead(d);
  const sessionId = d.int32();
  const sessionEpoch = d.int32();
  const topics = decodeTopics(d, readPartition);
  const forgottenTopics = d.array(decodeForgottenTopic);
  return { ...head, sessionId, sessionEpoch, topics, forgottenTopics };
}

function decodeForgottenTopic(d: Decoder): FetchForgottenTopic {
  return { name: d.string(), partitions: d.array((d) => d.int32()) };
}

export function decode(d: Decoder): FetchRequest {
  return decodeWith(d, decodePartitionV5);
}
