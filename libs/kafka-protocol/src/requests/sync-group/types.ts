/**
 * SyncGroup (api key 14), one shape for v0..v3. Field names follow Apache Kafka's
 * SyncGroupRequest.json / SyncGroupResponse.json.
 */
export interface SyncGroupRequestAssignment {
  readonly memberId: string;
  /** Opaque to the broker; the consumer protocol's assignment (version, topic partitions, user data). */
  readonly assignment: Buffer;
}

export interface SyncGroupRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  /** v3+ static membership (KIP-345); null when absent. */
  readonly groupInstanceId: string | null;
  /** Sent by the leader only; followers send an empty list. */
  readonly assignments: readonly SyncGroupRequestAssignment[];
}

export interface SyncGroupResponse {
  /** v1+; 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly errorCode: number;
  /** This member's assignment; empty on error. */
  readonly assignment: Buffer;
}
