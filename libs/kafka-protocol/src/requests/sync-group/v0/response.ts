import type { Encoder } from '../../../encoder';
import type { SyncGroupResponse } from '../types';

/**
 * SyncGroup Response (Version: 0) => error_code assignment
 *   error_code => INT16
 *   assignment => BYTES
 */
export function encode(e: Encoder, res: SyncGroupResponse): void {
  e.int16(res.errorCode).bytes(res.assignment);
}
