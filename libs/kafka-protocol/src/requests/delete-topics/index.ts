import { defineApi } from '../../api';
import type { DeleteTopicsRequest, DeleteTopicsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { encode as encodeV1 } from './v1/response';

export * from './types';

/** v1 adds throttle_time_ms to the response; the request is unchanged. */
export const deleteTopics = defineApi<DeleteTopicsRequest, DeleteTopicsResponse>(20, 'DeleteTopics', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
});
