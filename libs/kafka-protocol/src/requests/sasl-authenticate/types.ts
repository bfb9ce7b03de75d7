/**
 * SaslAuthenticate (api key 36), one shape for v0..v1. Field names follow Apache Kafka's
 * SaslAuthenticateRequest.json / SaslAuthenticateResponse.json. Used only after a v1
 * SaslHandshake; see ../sasl-handshake/index.ts for the two framings.
 */
export interface SaslAuthenticateRequest {
  /** One token of the mechanism, e.g. PLAIN's "authzid\0authcid\0password" or a SCRAM client message. */
  readonly authBytes: Buffer;
}

export interface SaslAuthenticateResponse {
  /** SASL_AUTHENTICATION_FAILED on bad credentials; ILLEGAL_SASL_STATE when out of sequence. */
  readonly errorCode: number;
  /** Shown to the user by clients (kafkajs puts it in its error); written as null when absent. */
  readonly errorMessage?: string | null;
  /** The mechanism's challenge or final message, bare (no size prefix of its own); empty for PLAIN. */
  readonly authBytes: Buffer;
  /** v1+ (KIP-368): ms until the client must re-authenticate; 0 (the default) means never. */
  readonly sessionLifetimeMs?: number;
}
