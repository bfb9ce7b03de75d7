import { defineApi } from '../../api';
import type { DescribeGroupsRequest, DescribeGroupsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { encode as encodeV1 } from './v1/response';

export * from './types';

/** v1 adds throttle_time_ms to the response, v2 answers before throttling (KIP-219); the request never changes. */
export const describeGroups = defineApi<DescribeGroupsRequest, DescribeGroupsResponse>(15, 'DescribeGroups', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
});
