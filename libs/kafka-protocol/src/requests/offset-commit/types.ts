/**
 * OffsetCommit (api key 8), one shape for v0..v5. Field names follow Apache Kafka's
 * OffsetCommitRequest.json / OffsetCommitResponse.json; fields a version lacks take the
 * defaults those files declare.
 */
export interface OffsetCommitRequestPartition {
  readonly partitionIndex: number;
  readonly committedOffset: number;
  /** v1 only: the commit's timestamp in ms; -1 otherwise (the broker uses its own clock). */
  readonly commitTimestamp: number;
  /** Free text the client stores with the offset; nullable on the wire. */
  readonly committedMetadata: string | null;
}

export interface OffsetCommitRequestTopic {
  readonly name: string;
  readonly partitions: readonly OffsetCommitRequestPartition[];
}

export interface OffsetCommitRequest {
  readonly groupId: string;
  /** v1+; -1 for v0, and for a commit from outside any group generation (simple consumers). */
  readonly generationId: number;
  /** v1+; "" for v0. */
  readonly memberId: string;
  /** v2..v4 only: how long to keep the offsets; -1 means the broker's offsets.retention.minutes. */
  readonly retentionTimeMs: number;
  readonly topics: readonly OffsetCommitRequestTopic[];
}

export interface OffsetCommitResponsePartition {
  readonly partitionIndex: number;
  readonly errorCode: number;
}

export interface OffsetCommitResponseTopic {
  readonly name: string;
  readonly partitions: readonly OffsetCommitResponsePartition[];
}

export interface OffsetCommitResponse {
  /** v3+; 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly topics: readonly OffsetCommitResponseTopic[];
}
