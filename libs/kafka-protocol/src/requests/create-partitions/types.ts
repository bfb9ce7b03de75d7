/**
 * CreatePartitions (api key 37), one shape for v0..v1. Field names follow Apache Kafka's
 * CreatePartitionsRequest.json / CreatePartitionsResponse.json.
 */
export interface CreatePartitionsTopic {
  readonly name: string;
  /** The new total number of partitions, not the number to add. */
  readonly count: number;
  /** Broker ids for each new partition, or null to let the broker place them. */
  readonly assignments: readonly (readonly number[])[] | null;
}

export interface CreatePartitionsRequest {
  readonly topics: readonly CreatePartitionsTopic[];
  readonly timeoutMs: number;
  readonly validateOnly: boolean;
}

export interface CreatePartitionsTopicResult {
  readonly name: string;
  readonly errorCode: number;
  /** Written as null when absent. */
  readonly errorMessage?: string | null;
}

export interface CreatePartitionsResponse {
  /** 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly results: readonly CreatePartitionsTopicResult[];
}
