import type { Decoder } from '../../../decoder';
import type { ApiVersionsRequest } from '../types';

/** ApiVersions Request (Version: 0) => (empty body) */
export function decode(_d: Decoder): ApiVersionsRequest {
  return {};
}
