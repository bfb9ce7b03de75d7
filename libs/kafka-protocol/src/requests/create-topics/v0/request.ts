import type { Decoder } from '../../../decoder';
import type { CreatableReplicaAssignment, CreatableTopic, CreatableTopicConfig, CreateTopicsRequest } from '../types';

/**
 * CreateTopics Request (Version: 0) => [topics] timeout_ms
 *   topics => name num_partitions replication_factor [assignments] [configs]
 *     name => STRING
 *     num_partitions => INT32
 *     replication_factor => INT16
 *     assignments => partition_index [broker_ids]
 *       partition_index => INT32
 *       broker_ids => INT32
 *     configs => name value
 *       name => STRING
 *       value => NULLABLE_STRING
 *   timeout_ms => INT32
 */
export function decode(d: Decoder): CreateTopicsRequest {
  const topics = d.array(topic);
  const timeoutMs = d.int32();
  return { topics, timeoutMs, validateOnly: false };
}

function topic(d: Decoder): CreatableTopic {
  return {
    name: d.string(),
    numPartitions: d.int32(),
    replicationFactor: d.int16(),
    assignments: d.array(assignment),
    configs: d.array(config),
  };
}

function assignment(d: Decoder): CreatableReplicaAssignment {
  return { partitionIndex: d.int32(), brokerIds: d.array((d) => d.int32()) };
}

function config(d: Decoder): CreatableTopicConfig {
  return { name: d.string(), value: d.nullableString() };
}
