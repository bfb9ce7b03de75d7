import type { Encoder } from '../../../encoder';
import type { LeaveGroupResponse } from '../types';

/**
 * LeaveGroup Response (Version: 0) => error_code
 *   error_code => INT16
 */
export function encode(e: Encoder, res: LeaveGroupResponse): void {
  e.int16(singleError(res));
}

/** The one error a pre-v3 client can see: the group's, else its (only) member's. */
function singleError(res: LeaveGroupResponse): number {
  if (res.errorCode !== 0) return res.errorCode;
  return res.members?.find((m) => m.errorCode !== 0)?.errorCode ?? 0;
}
