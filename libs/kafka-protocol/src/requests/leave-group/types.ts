/**
 * LeaveGroup (api key 13), one shape for v0..v3. Field names follow Apache Kafka's
 * LeaveGroupRequest.json / LeaveGroupResponse.json. v3 (KIP-345) turned the single
 * member_id into a batch of members; like Apache Kafka's own LeaveGroupRequest.members(),
 * we present v0..v2 as a batch of one, so the coordinator has a single code path.
 */
export interface LeaveGroupMember {
  readonly memberId: string;
  /** v3+ static membership; null for v0..v2. */
  readonly groupInstanceId: string | null;
}

export interface LeaveGroupRequest {
  readonly groupId: string;
  /** Exactly one member for v0..v2. */
  readonly members: readonly LeaveGroupMember[];
}

export interface LeaveGroupMemberResponse extends LeaveGroupMember {
  readonly errorCode: number;
}

export interface LeaveGroupResponse {
  /** v1+; 0 when absent. */
  readonly throttleTimeMs?: number;
  /**
   * Group-level error. v0..v2 have no per-member errors, so when this is NONE their encoder
   * answers with the first member's error instead, as Apache Kafka's LeaveGroupResponse does.
   */
  readonly errorCode: number;
  /** Per-member results; written in v3+ (empty when absent). */
  readonly members?: readonly LeaveGroupMemberResponse[];
}
