/**
 * CreateTopics (api key 19), one shape for v0..v3. Field names follow Apache Kafka's
 * CreateTopicsRequest.json / CreateTopicsResponse.json.
 */
export interface CreatableReplicaAssignment {
  readonly partitionIndex: number;
  readonly brokerIds: readonly number[];
}

export interface CreatableTopicConfig {
  readonly name: string;
  /** NULLABLE_STRING on the wire; Kafka rejects null values for topic configs with INVALID_CONFIG. */
  readonly value: string | null;
}

export interface CreatableTopic {
  readonly name: string;
  /** -1 asks for the broker's default (kafkajs sends -1 when the caller gives none). */
  readonly numPartitions: number;
  /** -1 asks for the broker's default. */
  readonly replicationFactor: number;
  /** Manual partition → replicas layout; when present, numPartitions and replicationFactor must be -1. */
  readonly assignments: readonly CreatableReplicaAssignment[];
  readonly configs: readonly CreatableTopicConfig[];
}

export interface CreateTopicsRequest {
  readonly topics: readonly CreatableTopic[];
  readonly timeoutMs: number;
  /** v1+: check the request without creating anything; false for v0. */
  readonly validateOnly: boolean;
}

export interface CreatableTopicResult {
  readonly name: string;
  readonly errorCode: number;
  /** v1+: written as null when absent. */
  readonly errorMessage?: string | null;
}

export interface CreateTopicsResponse {
  /** v2+; 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly topics: readonly CreatableTopicResult[];
}
