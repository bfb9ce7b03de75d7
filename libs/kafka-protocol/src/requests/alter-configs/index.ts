import { defineApi } from '../../api';
import type { AlterConfigsRequest, AlterConfigsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';

export * from './types';

/** v1 keeps v0's layout (KIP-219 throttling only). */
export const alterConfigs = defineApi<AlterConfigsRequest, AlterConfigsResponse>(33, 'AlterConfigs', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
});
