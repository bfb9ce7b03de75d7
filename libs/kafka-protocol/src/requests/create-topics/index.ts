import { defineApi } from '../../api';
import type { CreateTopicsRequest, CreateTopicsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { decode as decodeV1 } from './v1/request';
import { encode as encodeV1 } from './v1/response';
import { encode as encodeV2 } from './v2/response';

export * from './types';

/** v2 adds throttle_time_ms to the response; v3 keeps v2's layout (KIP-219 throttling only). */
export const createTopics = defineApi<CreateTopicsRequest, CreateTopicsResponse>(19, 'CreateTopics', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV1, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeV1, encodeResponse: encodeV2 },
  3: { decodeRequest: decodeV1, encodeResponse: encodeV2 },
});
