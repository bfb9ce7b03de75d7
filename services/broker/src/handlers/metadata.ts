import { KafkaProtocolError, type MetadataRequest, type MetadataResponse, type MetadataTopic } from '@tributary/kafka-protocol';
import type { BrokerCore } from '../broker-core';
import { errorCodeOf } from './error-code';

/**
 * Metadata: this node leads every partition. A requested topic that does not exist is created
 * with the default partition count when auto-creation is on for the broker and the request
 * (allow_auto_topic_creation, v4+; older versions always allow it), as Kafka does.
 */
export function handleMetadata(broker: BrokerCore, req: MetadataRequest): MetadataResponse {
  const names = req.topics ?? broker.topics.topics().map((t) => t.name);
  const autoCreate = broker.autoCreateTopics && req.allowAutoTopicCreation !== false;
  const topics = names.map((name): MetadataTopic => {
    try {
      let topic = broker.topics.describeTopic(name);
      if (!topic) {
        if (!autoCreate) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', name);
        topic = broker.topics.createTopic(name, broker.defaultPartitions);
      }
      const partitionCount = topic.partitions;
      const node = [broker.nodeId];
      return {
        errorCode: 0, name, isInternal: name.startsWith('__'),
        partitions: Array.from({ length: partitionCount }, (_, partitionIndex) => ({
          errorCode: 0, partitionIndex, leaderId: broker.nodeId, replicaNodes: node, isrNodes: node, offlineReplicas: [],
        })),
      };
    } catch (err) {
      return { errorCode: errorCodeOf(err), name, isInternal: false, partitions: [] };
    }
  });
  return {
    throttleTimeMs: 0,
    brokers: [{ nodeId: broker.nodeId, host: broker.advertisedHost, port: broker.advertisedPort, rack: null }],
    clusterId: broker.clusterId,
    controllerId: broker.nodeId,
    topics,
  };
}
