import { defineApi } from '../../api';
import type { ListGroupsRequest, ListGroupsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { encode as encodeV1 } from './v1/response';

export * from './types';

/** v1 adds throttle_time_ms to the response, v2 answers before throttling (KIP-219); the request is empty throughout. */
export const listGroups = defineApi<ListGroupsRequest, ListGroupsResponse>(16, 'ListGroups', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
});
