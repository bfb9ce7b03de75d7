import type { Decoder } from '../../../decoder';
import type { CreateTopicsRequest } from '../types';
import { decode as decodeV0 } from '../v0/request';

/**
 * CreateTopics Request (Version: 1) => [topics] timeout_ms validate_only
 *   (topics and timeout_ms as in v0)
 *   validate_only => BOOLEAN
 * Versions 2 and 3 have the same layout (v2 only changes the response, v3 only throttling).
 */
export function decode(d: Decoder): CreateTopicsRequest {
  const v0 = decodeV0(d);
  return { ...v0, validateOnly: d.boolean() };
}
