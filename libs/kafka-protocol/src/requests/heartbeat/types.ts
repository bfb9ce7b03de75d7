/**
 * Heartbeat (api key 12), one shape for v0..v3. Field names follow Apache Kafka's
 * HeartbeatRequest.json / HeartbeatResponse.json.
 */
export interface HeartbeatRequest {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  /** v3+ static membership (KIP-345); null when absent. */
  readonly groupInstanceId: string | null;
}

export interface HeartbeatResponse {
  /** v1+; 0 when absent. */
  readonly throttleTimeMs?: number;
  /** REBALANCE_IN_PROGRESS tells the member to rejoin. */
  readonly errorCode: number;
}
