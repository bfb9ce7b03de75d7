import { defineApi } from '../../api';
import type { LeaveGroupRequest, LeaveGroupResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { encode as encodeV1 } from './v1/response';
import { decode as decodeV3 } from './v3/request';
import { encode as encodeV3 } from './v3/response';

export * from './types';

/**
 * v1 adds throttle_time_ms, v2 answers before throttling (KIP-219), v3 leaves a batch of
 * members, static ones included, with an error per member (KIP-345).
 */
export const leaveGroup = defineApi<LeaveGroupRequest, LeaveGroupResponse>(13, 'LeaveGroup', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
  3: { decodeRequest: decodeV3, encodeResponse: encodeV3 },
});
