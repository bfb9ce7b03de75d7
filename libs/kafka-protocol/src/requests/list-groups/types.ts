/**
 * ListGroups (api key 16), one shape for v0..v2. Field names follow Apache Kafka's
 * ListGroupsRequest.json / ListGroupsResponse.json.
 */

/** Empty before v4 (states_filter, flexible versions only). */
export type ListGroupsRequest = Record<string, never>;

export interface ListedGroup {
  readonly groupId: string;
  /** "consumer" for consumer groups; "" for a group that has no members yet. */
  readonly protocolType: string;
}

export interface ListGroupsResponse {
  /** v1+; 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly errorCode: number;
  readonly groups: readonly ListedGroup[];
}
