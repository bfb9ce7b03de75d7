/**
 * JoinGroup (api key 11), one shape for v0..v5. Field names follow Apache Kafka's
 * JoinGroupRequest.json / JoinGroupResponse.json.
 */
export interface JoinGroupRequestProtocol {
  /** The assignor's name, e.g. "RoundRobinAssigner" (kafkajs) or "range" (librdkafka). */
  readonly name: string;
  /** Opaque to the broker; the consumer protocol's subscription (version, topics, user data). */
  readonly metadata: Buffer;
}

export interface JoinGroupRequest {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  /**
   * v1+. v0 has none: Apache Kafka's coordinator then uses the session timeout as the
   * rebalance timeout, and so does our v0 decoder.
   */
  readonly rebalanceTimeoutMs: number;
  /** "" on a member's first join. */
  readonly memberId: string;
  /** v5+ static membership (KIP-345); null when absent. */
  readonly groupInstanceId: string | null;
  /** "consumer" for consumer groups. */
  readonly protocolType: string;
  readonly protocols: readonly JoinGroupRequestProtocol[];
}

export interface JoinGroupResponseMember {
  readonly memberId: string;
  /** v5+; written as null when absent. */
  readonly groupInstanceId?: string | null;
  readonly metadata: Buffer;
}

export interface JoinGroupResponse {
  /** v2+; 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly errorCode: number;
  /** -1 on error. */
  readonly generationId: number;
  /** The chosen assignor; "" on error (not nullable before v7). */
  readonly protocolName: string;
  /** The leader's member id; "" on error. */
  readonly leader: string;
  /** The member id the coordinator gave this member (also with MEMBER_ID_REQUIRED, v4+). */
  readonly memberId: string;
  /** Every member with its metadata for the leader; empty for followers. */
  readonly members: readonly JoinGroupResponseMember[];
}
