/**
 * OffsetFetch (api key 9), one shape for v1..v4. Field names follow Apache Kafka's
 * OffsetFetchRequest.json / OffsetFetchResponse.json. v0 (offsets kept in ZooKeeper) is not
 * served: kafkajs starts at v1, and librdkafka takes the highest version the broker offers.
 */
export interface OffsetFetchRequestTopic {
  readonly name: string;
  readonly partitionIndexes: readonly number[];
}

export interface OffsetFetchRequest {
  readonly groupId: string;
  /** null (v2+) asks for every partition the group has committed. kafkajs v3+ sends null for an empty list. */
  readonly topics: readonly OffsetFetchRequestTopic[] | null;
}

export interface OffsetFetchResponsePartition {
  readonly partitionIndex: number;
  /** -1 when the group has no committed offset for the partition. */
  readonly committedOffset: number;
  /** The metadata committed with the offset; Kafka answers "" when there is none. */
  readonly metadata: string | null;
  readonly errorCode: number;
}

export interface OffsetFetchResponseTopic {
  readonly name: string;
  readonly partitions: readonly OffsetFetchResponsePartition[];
}

export interface OffsetFetchResponse {
  /** v3+; 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly topics: readonly OffsetFetchResponseTopic[];
  /**
   * v2+ group-level error (e.g. COORDINATOR_LOAD_IN_PROGRESS, NOT_COORDINATOR); 0 when absent.
   * v1 cannot carry it: Apache Kafka then repeats it on every requested partition, which only
   * the broker (knowing the request) can do.
   */
  readonly errorCode?: number;
}
