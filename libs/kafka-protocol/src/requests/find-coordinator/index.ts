import { defineApi } from '../../api';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { decode as decodeV1 } from './v1/request';
import { encode as encodeV1 } from './v1/response';

export * from './types';

/** v1 adds key_type (transaction coordinators, KIP-98) and throttle/error_message; v2 keeps v1's layout (KIP-219). */
export const findCoordinator = defineApi<FindCoordinatorRequest, FindCoordinatorResponse>(10, 'FindCoordinator', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV1, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeV1, encodeResponse: encodeV1 },
});
