/**
 * SaslHandshake (api key 17), one shape for v0..v1. Field names follow Apache Kafka's
 * SaslHandshakeRequest.json / SaslHandshakeResponse.json.
 */
export interface SaslHandshakeRequest {
  /** The mechanism the client wants, upper case: "PLAIN", "SCRAM-SHA-256", ... */
  readonly mechanism: string;
}

export interface SaslHandshakeResponse {
  /** UNSUPPORTED_SASL_MECHANISM when `mechanism` is not enabled; ILLEGAL_SASL_STATE when a handshake comes twice. */
  readonly errorCode: number;
  /** The mechanisms the broker has enabled, sent whatever the error code. */
  readonly mechanisms: readonly string[];
}
