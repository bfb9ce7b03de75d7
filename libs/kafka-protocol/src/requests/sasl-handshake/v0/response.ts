import type { Encoder } from '../../../encoder';
import type { SaslHandshakeResponse } from '../types';

/**
 * SaslHandshake Response (Version: 0) => error_code [mechanisms]
 *   error_code => INT16
 *   mechanisms => STRING
 * Version 1 has the same layout.
 */
export function encode(e: Encoder, res: SaslHandshakeResponse): void {
  e.int16(res.errorCode).array(res.mechanisms, (e, m) => e.string(m));
}
