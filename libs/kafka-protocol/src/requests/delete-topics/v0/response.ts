import type { Encoder } from '../../../encoder';
import type { DeleteTopicsResponse } from '../types';

/**
 * DeleteTopics Response (Version: 0) => [responses]
 *   responses => name error_code
 *     name => STRING
 *     error_code => INT16
 */
export function encode(e: Encoder, res: DeleteTopicsResponse): void {
  e.array(res.responses, (e, r) => e.string(r.name).int16(r.errorCode));
}
