import type { Decoder } from '../../../decoder';
import type { SaslHandshakeRequest } from '../types';

/**
 * SaslHandshake Request (Version: 0) => mechanism
 *   mechanism => STRING
 * Version 1 has the same layout; the version only chooses how the SASL tokens that follow
 * are framed (see ../index.ts).
 */
export function decode(d: Decoder): SaslHandshakeRequest {
  return { mechanism: d.string() };
}
