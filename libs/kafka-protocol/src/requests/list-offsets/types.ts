/** ListOffsets (api key 2), v0..v3: one shape for every version; fields a version lacks are optional. */
export interface ListOffsetsRequest {
  readonly replicaId: number;
  /** v2+: 0 READ_UNCOMMITTED (latest = high watermark), 1 READ_COMMITTED (latest = last stable offset). */
  readonly isolationLevel?: number;
  readonly topics: readonly ListOffsetsTopic[];
}

export interface ListOffsetsTopic {
  readonly name: string;
  readonly partitions: readonly ListOffsetsPartition[];
}

export interface ListOffsetsPartition {
  readonly partitionIndex: number;
  /** -1 latest, -2 earliest, otherwise the first offset whose timestamp is at or after it. */
  readonly timestamp: number;
  /** v0 only: how many offsets (segment starts, newest first) the client wants. */
  readonly maxNumOffsets?: number;
}

export interface ListOffsetsResponse {
  /** v2+. */
  readonly throttleTimeMs?: number;
  readonly topics: readonly ListOffsetsTopicResponse[];
}

export interface ListOffsetsTopicResponse {
  readonly name: string;
  readonly partitions: readonly ListOffsetsPartitionResponse[];
}

export interface ListOffsetsPartitionResponse {
  readonly partitionIndex: number;
  readonly errorCode: number;
  /** v1+; -1 (the default) when unknown. */
  readonly timestamp?: number;
  /** v1+; -1 (the default) when none. v0 sends [offset] from it unless oldStyleOffsets is set. */
  readonly offset?: number;
  /** v0 only. */
  readonly oldStyleOffsets?: readonly number[];
}
