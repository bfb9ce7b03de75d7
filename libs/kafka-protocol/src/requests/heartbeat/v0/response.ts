import type { Encoder } from '../../../encoder';
import type { HeartbeatResponse } from '../types';

/**
 * Heartbeat Response (Version: 0) => error_code
 *   error_code => INT16
 */
export function encode(e: Encoder, res: HeartbeatResponse): void {
  e.int16(res.errorCode);
}
