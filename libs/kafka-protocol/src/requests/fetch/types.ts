/** Fetch (api key 1), v4..v11: one shape for every version; fields a version lacks are optional. */
export interface FetchRequest {
  /** -1 for consumers; a broker id only for followers (none on a single node). */
  readonly replicaId: number;
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  /** 0 READ_UNCOMMITTED, 1 READ_COMMITTED. */
  readonly isolationLevel: number;
  /** v7+ (KIP-227 fetch sessions): 0 and -1 from clients that do not use them. */
  readonly sessionId?: number;
  readonly sessionEpoch?: number;
  readonly topics: readonly FetchTopic[];
  /** v7+: partitions to drop from an incremental fetch session. */
  readonly forgottenTopics?: readonly FetchForgottenTopic[];
  /** v11+ (KIP-392). */
  readonly rackId?: string;
}

export interface FetchTopic {
  readonly name: string;
  readonly partitions: readonly FetchPartition[];
}

export interface FetchPartition {
  readonly partitionIndex: number;
  /** v9+ (KIP-320); -1 when the client does not know it. */
  readonly currentLeaderEpoch?: number;
  readonly fetchOffset: number;
  /** v5+; only followers send a meaningful value (-1 from consumers). */
  readonly logStartOffset?: number;
  readonly partitionMaxBytes: number;
}

export interface FetchForgottenTopic {
  readonly name: string;
  readonly partitions: readonly number[];
}

export interface FetchResponse {
  readonly throttleTimeMs?: number;
  /** v7+: top-level error (fetch session errors). */
  readonly errorCode?: number;
  /** v7+: 0 when no session was created. */
  readonly sessionId?: number;
  readonly topics: readonly FetchTopicResponse[];
}

export interface FetchTopicResponse {
  readonly name: string;
  readonly partitions: readonly FetchPartitionResponse[];
}

export interface AbortedTransaction {
  readonly producerId: number;
  readonly firstOffset: number;
}

export interface FetchPartitionResponse {
  readonly partitionIndex: number;
  readonly errorCode: number;
  readonly highWatermark: number;
  /** Defaults to -1. */
  readonly lastStableOffset?: number;
  /** v5+; defaults to -1. */
  readonly logStartOffset?: number;
  /** null (the default) as Kafka sends for READ_UNCOMMITTED; a list for READ_COMMITTED. */
  readonly abortedTransactions?: readonly AbortedTransaction[] | null;
  /** v11+; -1 (the default) means "keep fetching from the leader". */
  readonly preferredReadReplica?: number;
  /**
   * Whole record batches as stored (a partial batch at the end is allowed); copied once.
   * null is sent as an empty record set, never as a null one (librdkafka rejects that).
   */
  readonly records: Buffer | null;
}
