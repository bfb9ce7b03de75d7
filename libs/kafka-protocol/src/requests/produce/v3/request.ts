import type { Decoder } from '../../../decoder';
import type { ProducePartitionData, ProduceRequest, ProduceTopicData } from '../types';

/**
 * Produce Request (Version: 3) => transactional_id acks timeout_ms [topic_data]
 *   transactional_id => NULLABLE_STRING
 *   acks => INT16
 *   timeout_ms => INT32
 *   topic_data => name [partition_data]
 *     name => STRING
 *     partition_data => index records
 *       index => INT32
 *       records => RECORDS
 *
 * v4..v7 have the same layout: v4 adds KAFKA_STORAGE_ERROR, v5 log_start_offset in the
 * response, v6 throttling before answering (KIP-219), v7 zstd (KIP-110).
 */
export function decode(d: Decoder): ProduceRequest {
  return {
    transactionalId: d.nullableString(),
    acks: d.int16(),
    timeoutMs: d.int32(),
    topics: d.array(decodeTopic),
  };
}

function decodeTopic(d: Decoder): ProduceTopicData {
  return { name: d.string(), partitions: d.array(decodePartition) };
}

function decodePartition(d: Decoder): ProducePartitionData {
  return { partitionIndex: d.int32(), records: d.nullableBytes() };
}
