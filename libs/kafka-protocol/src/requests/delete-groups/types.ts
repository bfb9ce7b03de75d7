/**
 * DeleteGroups (api key 42), one shape for v0..v1. Field names follow Apache Kafka's
 * DeleteGroupsRequest.json / DeleteGroupsResponse.json.
 */
export interface DeleteGroupsRequest {
  readonly groupsNames: readonly string[];
}

export interface DeletableGroupResult {
  readonly groupId: string;
  /** NON_EMPTY_GROUP while members remain, GROUP_ID_NOT_FOUND for an unknown group. */
  readonly errorCode: number;
}

export interface DeleteGroupsResponse {
  /** Present from v0 on; 0 when not given. */
  readonly throttleTimeMs?: number;
  readonly results: readonly DeletableGroupResult[];
}
