/**
 * DescribeConfigs (api key 32), one shape for v0..v2. Field names follow Apache Kafka's
 * DescribeConfigsRequest.json / DescribeConfigsResponse.json.
 */

/** org.apache.kafka.common.config.ConfigResource.Type: the INT8 resource_type on the wire. */
export const CONFIG_RESOURCE_TYPE = { UNKNOWN: 0, TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** DescribeConfigsResponse.ConfigSource: the INT8 config_source of v1+. */
export const CONFIG_SOURCE = {
  UNKNOWN: 0,
  TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;

export type ConfigSource = (typeof CONFIG_SOURCE)[keyof typeof CONFIG_SOURCE];

export interface DescribeConfigsResource {
  readonly resourceType: number;
  readonly resourceName: string;
  /** null asks for every config of the resource (kafkajs also sends an empty list as null). */
  readonly configurationKeys: readonly string[] | null;
}

export interface DescribeConfigsRequest {
  readonly resources: readonly DescribeConfigsResource[];
  /** v1+; false for v0. */
  readonly includeSynonyms: boolean;
}

export interface DescribeConfigsSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: ConfigSource;
}

export interface DescribeConfigsResourceConfig {
  readonly name: string;
  /** null for sensitive configs: Kafka never sends their value. */
  readonly value: string | null;
  readonly readOnly: boolean;
  /** Written by v0 only. */
  readonly isDefault: boolean;
  /** Written by v1+ only. */
  readonly source: ConfigSource;
  readonly isSensitive: boolean;
  /** v1+, and only when the request asked for them; [] when absent. */
  readonly synonyms?: readonly DescribeConfigsSynonym[];
}

export interface DescribeConfigsResult {
  readonly errorCode: number;
  /** Written as null when absent. */
  readonly errorMessage?: string | null;
  readonly resourceType: number;
  readonly resourceName: string;
  readonly configs: readonly DescribeConfigsResourceConfig[];
}

export interface DescribeConfigsResponse {
  /** 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly results: readonly DescribeConfigsResult[];
}
