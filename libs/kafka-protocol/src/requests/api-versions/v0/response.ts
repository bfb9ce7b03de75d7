import type { Encoder } from '../../../encoder';
import type { ApiVersionsResponse } from '../types';

/**
 * ApiVersions Response (Version: 0) => error_code [api_keys]
 *   error_code => INT16
 *   api_keys => api_key min_version max_version
 *     api_key => INT16
 *     min_version => INT16
 *     max_version => INT16
 */
export function encode(e: Encoder, res: ApiVersionsResponse): void {
  e.int16(res.errorCode);
  e.array(res.apiVersions, (e, v) => e.int16(v.apiKey).int16(v.minVersion).int16(v.maxVersion));
}
