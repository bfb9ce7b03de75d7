import {
  KafkaProtocolError, validateTopicConfig, type CreatePartitionsRequest, type CreatePartitionsResponse,
  type CreateTopicsRequest, type CreateTopicsResponse, type DeleteRecordsRequest, type DeleteRecordsResponse,
  type DeleteTopicsRequest, type DeleteTopicsResponse,
} from '@tributary/kafka-protocol';
import type { BrokerCore } from '../broker-core';
import { validateTopicName } from '../log/topic-store';
import { errorCodeOf, messageOf } from './error-code';

/** Validates config entries, naming the first bad one; returns them as overrides. */
export function configOverrides(configs: ReadonlyArray<{ name: string; value: string | null }>): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const { name, value } of configs) {
    const checked = validateTopicConfig(name, value);
    if (!checked.ok) throw new KafkaProtocolError('INVALID_CONFIG', checked.error);
    overrides[name] = value as string;
  }
  return overrides;
}

/**
 * Every partition is a folder with open segment files on this one node, so a request for a
 * million of them is refused rather than allowed to exhaust file handles and disk (Kafka itself
 * sets no cap, but its partitions spread over many brokers).
 */
const MAX_PARTITIONS_PER_TOPIC = 4096;

function checkPartitionCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new KafkaProtocolError('INVALID_PARTITIONS', `Number of partitions must be larger than 0, got ${count}`);
  if (count > MAX_PARTITIONS_PER_TOPIC) {
    throw new KafkaProtocolError('INVALID_PARTITIONS', `Number of partitions ${count} is more than this broker's limit of ${MAX_PARTITIONS_PER_TOPIC} per topic`);
  }
}

/** CreateTopics: one node, so replication factor must be 1 (or -1, the default) and assignments name node 1 only. */
export function handleCreateTopics(broker: BrokerCore, req: CreateTopicsRequest): CreateTopicsResponse {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => {
      try {
        validateTopicName(t.name);
        if (broker.topics.describeTopic(t.name)) throw new KafkaProtocolError('TOPIC_ALREADY_EXISTS', `Topic '${t.name}' already exists.`);
        const partitions = t.assignments.length > 0 ? t.assignments.length : t.numPartitions === -1 ? broker.defaultPartitions : t.numPartitions;
        checkPartitionCount(partitions);
        if (t.replicationFactor !== -1 && t.replicationFactor !== 1) {
          throw new KafkaProtocolError('INVALID_REPLICATION_FACTOR', `Replication factor ${t.replicationFactor} is larger than the 1 available broker`);
        }
        const overrides = configOverrides(t.configs);
        if (!req.validateOnly) broker.topics.createTopic(t.name, partitions, overrides);
        return { name: t.name, errorCode: 0, errorMessage: null };
      } catch (err) {
        return { name: t.name, errorCode: errorCodeOf(err), errorMessage: messageOf(err) };
      }
    }),
  };
}

export async function handleDeleteTopics(broker: BrokerCore, req: DeleteTopicsRequest): Promise<DeleteTopicsResponse> {
  const responses = [];
  for (const name of req.topicNames) {
    try {
      await broker.topics.deleteTopic(name);
      responses.push({ name, errorCode: 0 });
    } catch (err) {
      responses.push({ name, errorCode: errorCodeOf(err) });
    }
  }
  return { throttleTimeMs: 0, responses };
}

export function handleCreatePartitions(broker: BrokerCore, req: CreatePartitionsRequest): CreatePartitionsResponse {
  return {
    throttleTimeMs: 0,
    results: req.topics.map((t) => {
      try {
        const current = broker.topics.describeTopic(t.name);
        if (!current) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${t.name}' does not exist.`);
        if (t.count <= current.partitions) {
          throw new KafkaProtocolError('INVALID_PARTITIONS', `Topic currently has ${current.partitions} partitions, which is higher than the requested ${t.count}.`);
        }
        checkPartitionCount(t.count);
        if (!req.validateOnly) broker.topics.createPartitions(t.name, t.count);
        return { name: t.name, errorCode: 0, errorMessage: null };
      } catch (err) {
        return { name: t.name, errorCode: errorCodeOf(err), errorMessage: messageOf(err) };
      }
    }),
  };
}

export function handleDeleteRecords(broker: BrokerCore, req: DeleteRecordsRequest): DeleteRecordsResponse {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        try {
          const lowWatermark = broker.topics.partition(t.name, p.partitionIndex).deleteRecordsBefore(p.offset);
          return { partitionIndex: p.partitionIndex, lowWatermark, errorCode: 0 };
        } catch (err) {
          return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: errorCodeOf(err) };
        }
      }),
    })),
  };
}
