import {
  CONFIG_RESOURCE_TYPE, describeTopicConfig, KafkaProtocolError, type AlterConfigsRequest, type AlterConfigsResponse,
  type DescribeConfigsRequest, type DescribeConfigsResponse,
} from '@tributary/kafka-protocol';
import type { BrokerCore } from '../broker-core';
import { errorCodeOf, messageOf } from './error-code';
import { configOverrides } from './topic-admin';

/** DescribeConfigs: topic configs from the topic-config table; a broker resource has none dynamic, so an empty list. */
export function handleDescribeConfigs(broker: BrokerCore, req: DescribeConfigsRequest): DescribeConfigsResponse {
  return {
    throttleTimeMs: 0,
    results: req.resources.map((r) => {
      try {
        let configs: DescribeConfigsResponse['results'][number]['configs'] = [];
        if (r.resourceType === CONFIG_RESOURCE_TYPE.TOPIC) {
          const topic = broker.topics.describeTopic(r.resourceName);
          if (!topic) throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${r.resourceName}' does not exist.`);
          configs = describeTopicConfig(topic.configs, r.configurationKeys)
            .map((c) => ({ ...c, synonyms: req.includeSynonyms ? [] : undefined }));
        } else if (r.resourceType !== CONFIG_RESOURCE_TYPE.BROKER) {
          throw new KafkaProtocolError('INVALID_REQUEST', `unsupported resource type ${r.resourceType}`);
        }
        return { errorCode: 0, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName, configs };
      } catch (err) {
        return { errorCode: errorCodeOf(err), errorMessage: messageOf(err), resourceType: r.resourceType, resourceName: r.resourceName, configs: [] };
      }
    }),
  };
}

/** AlterConfigs (non-incremental, as in Kafka): the given set replaces the topic's overrides. */
export function handleAlterConfigs(broker: BrokerCore, req: AlterConfigsRequest): AlterConfigsResponse {
  return {
    throttleTimeMs: 0,
    responses: req.resources.map((r) => {
      try {
        if (r.resourceType !== CONFIG_RESOURCE_TYPE.TOPIC) {
          throw new KafkaProtocolError('INVALID_REQUEST', `only topic configs can be altered, not resource type ${r.resourceType}`);
        }
        if (!broker.topics.describeTopic(r.resourceName)) {
          throw new KafkaProtocolError('UNKNOWN_TOPIC_OR_PARTITION', `Topic '${r.resourceName}' does not exist.`);
        }
        const overrides = configOverrides(r.configs);
        if (!req.validateOnly) broker.topics.alterTopicConfig(r.resourceName, overrides);
        return { errorCode: 0, errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName };
      } catch (err) {
        return { errorCode: errorCodeOf(err), errorMessage: messageOf(err), resourceType: r.resourceType, resourceName: r.resourceName };
      }
    }),
  };
}
