import { defineApi } from '../../api';
import type { DescribeConfigsRequest, DescribeConfigsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { decode as decodeV1 } from './v1/request';
import { encode as encodeV1 } from './v1/response';

export * from './types';

/** v1 adds include_synonyms, config_source and synonyms; v2 keeps v1's layout (KIP-219 throttling only). */
export const describeConfigs = defineApi<DescribeConfigsRequest, DescribeConfigsResponse>(32, 'DescribeConfigs', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV1, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeV1, encodeResponse: encodeV1 },
});
