import type { RequestHeader } from '@tributary/kafka-protocol';

/** What a connection knows about its client; SASL state lives here until authenticated. */
export interface ConnectionState {
  readonly clientHost: string;
  authenticated: boolean;
  /** Set by SaslHandshake; v0 means the next frames are raw SASL tokens (KIP-152). */
  saslHandshake?: { mechanism: string; version: number };
  principal?: string;
}

export interface RequestContext {
  readonly header: RequestHeader;
  readonly connection: ConnectionState;
}

/** acks=0 produce requests get no answer at all. */
export const NO_RESPONSE = Symbol('no response');

export type HandlerResult<Res> = Res | typeof NO_RESPONSE | Promise<Res | typeof NO_RESPONSE>;
