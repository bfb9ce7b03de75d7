/**
 * FindCoordinator (api key 10), one shape for v0..v2. Field names follow Apache Kafka's
 * FindCoordinatorRequest.json / FindCoordinatorResponse.json.
 */

/** key_type values: which coordinator the client looks for. */
export const COORDINATOR_KEY_TYPE = { GROUP: 0, TRANSACTION: 1 } as const;

export interface FindCoordinatorRequest {
  /** The group id (key_type GROUP) or the transactional id (key_type TRANSACTION); v0 calls it group_id. */
  readonly key: string;
  /** v1+; GROUP for v0, which can only look up group coordinators. */
  readonly keyType: number;
}

export interface FindCoordinatorResponse {
  /** v1+; 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly errorCode: number;
  /** v1+; written as null when absent. */
  readonly errorMessage?: string | null;
  /** On error Kafka answers node_id -1, host "" and port -1. */
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}
