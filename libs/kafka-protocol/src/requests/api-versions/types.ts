export interface ApiVersionsRequest {
  /** KIP-511 fields, present only in v3+ (flexible), which we answer with the v0 fallback. */
  readonly clientSoftwareName?: string;
}

export interface ApiVersionRange {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

export interface ApiVersionsResponse {
  readonly errorCode: number;
  readonly apiVersions: readonly ApiVersionRange[];
  readonly throttleTimeMs?: number;
}
