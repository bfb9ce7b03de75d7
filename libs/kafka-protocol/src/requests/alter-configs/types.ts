/**
 * AlterConfigs (api key 33), one shape for v0..v1. Field names follow Apache Kafka's
 * AlterConfigsRequest.json / AlterConfigsResponse.json. Resource types are
 * describe-configs' CONFIG_RESOURCE_TYPE. AlterConfigs replaces a resource's whole set of
 * overrides: a config left out of the request goes back to its default.
 */
export interface AlterableConfig {
  readonly name: string;
  /** NULLABLE_STRING on the wire; Kafka rejects null values for topic configs with INVALID_CONFIG. */
  readonly value: string | null;
}

export interface AlterConfigsResource {
  readonly resourceType: number;
  readonly resourceName: string;
  readonly configs: readonly AlterableConfig[];
}

export interface AlterConfigsRequest {
  readonly resources: readonly AlterConfigsResource[];
  readonly validateOnly: boolean;
}

export interface AlterConfigsResourceResult {
  readonly errorCode: number;
  /** Written as null when absent. */
  readonly errorMessage?: string | null;
  readonly resourceType: number;
  readonly resourceName: string;
}

export interface AlterConfigsResponse {
  /** 0 when absent. */
  readonly throttleTimeMs?: number;
  readonly responses: readonly AlterConfigsResourceResult[];
}
