/**
 * What the coordinator takes and answers for OffsetCommit (v0-v5) and OffsetFetch (v1-v4).
 * Field names follow Apache Kafka's request/response JSON schemas.
 */
export interface OffsetCommitRequestPartition {
  readonly partitionIndex: number;
  readonly committedOffset: number;
  /** v6+; -1 (or absent) when not sent. */
  readonly committedLeaderEpoch?: number;
  /** v1 only; -1 or absent means "now". */
  readonly commitTimestamp?: number;
  readonly committedMetadata: string | null;
}

export interface OffsetCommitRequest {
  readonly groupId: string;
  /** -1 (with memberId "") for a commit from outside group management, and always for v0. */
  readonly generationId: number;
  readonly memberId: string;
  /** v7+ static membership. */
  readonly groupInstanceId?: string | null;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly OffsetCommitRequestPartition[] }[];
}

export interface OffsetCommitResult {
  readonly topics: readonly {
    readonly name: string;
    readonly partitions: readonly { readonly partitionIndex: number; readonly errorCode: number }[];
  }[];
}

export interface OffsetFetchTopic {
  readonly name: string;
  readonly partitionIndexes: readonly number[];
}

export interface OffsetFetchPartition {
  readonly partitionIndex: number;
  /** -1 when the group has committed nothing for the partition. */
  readonly committedOffset: number;
  /** v5+ on the wire; -1 when unknown. */
  readonly committedLeaderEpoch: number;
  /** "" when none, as Kafka answers. */
  readonly metadata: string;
  readonly errorCode: number;
}

export interface OffsetFetchResult {
  /** v2+ on the wire; per-partition errors carry it for v1. */
  readonly errorCode: number;
  readonly topics: readonly { readonly name: string; readonly partitions: readonly OffsetFetchPartition[] }[];
}
