import { defineApi } from '../../api';
import type { JoinGroupRequest, JoinGroupResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { decode as decodeV1 } from './v1/request';
import { encode as encodeV2 } from './v2/response';
import { decode as decodeV5 } from './v5/request';
import { encode as encodeV5 } from './v5/response';

export * from './types';

/**
 * v1 adds rebalance_timeout_ms, v2 throttle_time_ms, v3 answers before throttling (KIP-219),
 * v4 lets the coordinator answer a first join with MEMBER_ID_REQUIRED and the new member id
 * (KIP-394), v5 adds group_instance_id (KIP-345). v3 and v4 change meaning, not layout.
 */
export const joinGroup = defineApi<JoinGroupRequest, JoinGroupResponse>(11, 'JoinGroup', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV1, encodeResponse: encodeV0 },
  2: { decodeRequest: decodeV1, encodeResponse: encodeV2 },
  3: { decodeRequest: decodeV1, encodeResponse: encodeV2 },
  4: { decodeRequest: decodeV1, encodeResponse: encodeV2 },
  5: { decodeRequest: decodeV5, encodeResponse: encodeV5 },
});
