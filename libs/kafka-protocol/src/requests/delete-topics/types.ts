/**
 * DeleteTopics (api key 20), one shape for v0..v1. Field names follow Apache Kafka's
 * DeleteTopicsRequest.json / DeleteTopicsResponse.json (whose result list is called `responses`).
 */
export interface DeleteTopicsRequest {
  readonly topicNames: readonly string[];
  readonly timeoutMs: number;
}

export interface DeletableTopicResult {
  readonly name: string;
  readonly errorCode: number;
}

export interface DeleteTopicsResponse {
  /** v1+; 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly responses: readonly DeletableTopicResult[];
}
