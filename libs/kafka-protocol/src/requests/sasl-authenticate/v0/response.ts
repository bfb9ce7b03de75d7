import type { Encoder } from '../../../encoder';
import type { SaslAuthenticateResponse } from '../types';

/**
 * SaslAuthenticate Response (Version: 0) => error_code error_message auth_bytes
 *   error_code => INT16
 *   error_message => NULLABLE_STRING
 *   auth_bytes => BYTES
 */
export function encode(e: Encoder, res: SaslAuthenticateResponse): void {
  e.int16(res.errorCode).nullableString(res.errorMessage).bytes(res.authBytes);
}
