/** Produce (api key 0), v3..v7: one shape for every version; fields a version lacks are optional. */
export interface ProduceRequest {
  readonly transactionalId: string | null;
  /** 0 (no answer expected), 1 (leader) or -1 (all in-sync replicas). */
  readonly acks: number;
  readonly timeoutMs: number;
  readonly topics: readonly ProduceTopicData[];
}

export interface ProduceTopicData {
  readonly name: string;
  readonly partitions: readonly ProducePartitionData[];
}

export interface ProducePartitionData {
  readonly partitionIndex: number;
  /** The RECORDS field as a view over the request frame; the broker splits it (record-batch/). */
  readonly records: Buffer | null;
}

export interface ProduceResponse {
  readonly topics: readonly ProduceTopicResponse[];
  readonly throttleTimeMs?: number;
}

export interface ProduceTopicResponse {
  readonly name: string;
  readonly partitions: readonly ProducePartitionResponse[];
}

export interface ProducePartitionResponse {
  readonly partitionIndex: number;
  readonly errorCode: number;
  readonly baseOffset: number;
  /** -1 (the default) unless the topic uses LogAppendTime. */
  readonly logAppendTimeMs?: number;
  /** v5+; -1 (the default) when unknown. */
  readonly logStartOffset?: number;
}
