import type { Encoder } from '../../../encoder';
import type { OffsetFetchResponse } from '../types';
import { encode as encodeV1 } from '../v1/response';

/**
 * OffsetFetch Response (Version: 2) => [topics] error_code
 *   (topics as in v1)
 *   error_code => INT16 (new: the group-level error)
 */
export function encode(e: Encoder, res: OffsetFetchResponse): void {
  encodeV1(e, res);
  e.int16(res.errorCode ?? 0);
}
