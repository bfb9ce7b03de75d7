import type { Decoder } from '../../../decoder';
import type { CreatePartitionsRequest, CreatePartitionsTopic } from '../types';

/**
 * CreatePartitions Request (Version: 0) => [topics] timeout_ms validate_only
 *   topics => name count [assignments]
 *     name => STRING
 *     count => INT32
 *     assignments => [broker_ids]
 *       broker_ids => INT32
 *   timeout_ms => INT32
 *   validate_only => BOOLEAN
 * `assignments` is nullable. Version 1 has the same layout.
 */
export function decode(d: Decoder): CreatePartitionsRequest {
  const topics = d.array(topic);
  const timeoutMs = d.int32();
  return { topics, timeoutMs, validateOnly: d.boolean() };
}

function topic(d: Decoder): CreatePartitionsTopic {
  return { name: d.string(), count: d.int32(), assignments: d.nullableArray(brokerIds) };
}

/** kafkajs writes every array here with writeNullableArray, so an empty broker list arrives as null. */
function brokerIds(d: Decoder): number[] {
  return d.nullableArray((d) => d.int32()) ?? [];
}
