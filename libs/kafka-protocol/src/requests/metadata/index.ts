import { defineApi } from '../../api';
import type { MetadataRequest, MetadataResponse } from './types';
import { decode as decodeRequestV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { decode as decodeRequestV1 } from './v1/request';
import { encode as encodeV1 } from './v1/response';
import { encode as encodeV2 } from './v2/response';
import { encode as encodeV3 } from './v3/response';
import { decode as decodeRequestV4 } from './v4/request';
import { encode as encodeV5 } from './v5/response';

export * from './types';

/**
 * Requests change at v1 (nullable topics) and v4 (allow_auto_topic_creation); responses at
 * v1, v2, v3 and v5. v4 and v6 responses keep the previous layout.
 */
export const metadata = defineApi<MetadataRequest, MetadataResponse>(3, 'Metadata', {
  0: { decodeRequest: decodeRequestV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeRequestV1, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeRequestV1, encodeResponse: encodeV2 },
  3: { decodeRequest: decodeRequestV1, encodeResponse: encodeV3 },
  4: { decodeRequest: decodeRequestV4, encodeResponse: encodeV3 },
  5: { decodeRequest: decodeRequestV4, encodeResponse: encodeV5 },
  6: { decodeRequest: decodeRequestV4, encodeResponse: encodeV5 },
});
