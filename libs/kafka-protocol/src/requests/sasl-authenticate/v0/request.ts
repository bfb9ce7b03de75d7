import type { Decoder } from '../../../decoder';
import type { SaslAuthenticateRequest } from '../types';

/**
 * SaslAuthenticate Request (Version: 0) => auth_bytes
 *   auth_bytes => BYTES
 * Version 1 has the same layout. (kafkajs writes its mechanism's already size-prefixed
 * payload raw here, which is exactly a BYTES field on the wire.)
 */
export function decode(d: Decoder): SaslAuthenticateRequest {
  return { authBytes: d.bytes() };
}
