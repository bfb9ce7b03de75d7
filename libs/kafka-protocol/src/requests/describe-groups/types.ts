/**
 * DescribeGroups (api key 15), one shape for v0..v2. Field names follow Apache Kafka's
 * DescribeGroupsRequest.json / DescribeGroupsResponse.json.
 */
export interface DescribeGroupsRequest {
  readonly groups: readonly string[];
}

export interface DescribedGroupMember {
  readonly memberId: string;
  readonly clientId: string;
  readonly clientHost: string;
  /** The member's JoinGroup metadata for the chosen protocol; empty unless the group is Stable. */
  readonly memberMetadata: Buffer;
  /** The member's SyncGroup assignment; empty unless the group is Stable. */
  readonly memberAssignment: Buffer;
}

export interface DescribedGroup {
  readonly errorCode: number;
  readonly groupId: string;
  /** Dead, Empty, PreparingRebalance, CompletingRebalance or Stable; "Dead" for an unknown group. */
  readonly groupState: string;
  /** "consumer" for consumer groups; "" when empty or unknown. */
  readonly protocolType: string;
  /** The chosen assignor (only when Stable), else "". */
  readonly protocolData: string;
  readonly members: readonly DescribedGroupMember[];
}

export interface DescribeGroupsResponse {
  /** v1+; 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly groups: readonly DescribedGroup[];
}
