import type { Encoder } from '../../../encoder';
import type { SaslAuthenticateResponse } from '../types';
import { encode as encodeV0 } from '../v0/response';

/**
 * SaslAuthenticate Response (Version: 1) => error_code error_message auth_bytes session_lifetime_ms
 *   (error_code error_message auth_bytes as in v0)
 *   session_lifetime_ms => INT64 (KIP-368 re-authentication)
 */
export function encode(e: Encoder, res: SaslAuthenticateResponse): void {
  encodeV0(e, res);
  e.int64(res.sessionLifetimeMs ?? 0);
}
