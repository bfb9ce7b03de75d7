import { defineApi } from '../../api';
import type { ApiVersionsRequest, ApiVersionsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { encode as encodeV1 } from './v1/response';

export * from './types';

/** v1 and v2 share the v1 layout; v2 only changes throttling semantics. */
export const apiVersions = defineApi<ApiVersionsRequest, ApiVersionsResponse>(18, 'ApiVersions', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
});
