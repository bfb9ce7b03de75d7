import { defineApi } from '../../api';
import type { OffsetCommitRequest, OffsetCommitResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { decode as decodeV1 } from './v1/request';
import { decode as decodeV2 } from './v2/request';
import { encode as encodeV3 } from './v3/response';
import { decode as decodeV5 } from './v5/request';

export * from './types';

/**
 * v1 adds the group generation, member and a per-partition timestamp; v2 swaps the timestamp
 * for one retention_time_ms; v3 adds throttle_time_ms; v4 answers before throttling (KIP-219);
 * v5 drops retention_time_ms (KIP-211).
 */
export const offsetCommit = defineApi<OffsetCommitRequest, OffsetCommitResponse>(8, 'OffsetCommit', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV1, encodeResponse: encodeV0 },
  2: { decodeRequest: decodeV2, encodeResponse: encodeV0 },
  3: { decodeRequest: decodeV2, encodeResponse: encodeV3 },
  4: { decodeRequest: decodeV2, encodeResponse: encodeV3 },
  5: { decodeRequest: decodeV5, encodeResponse: encodeV3 },
});
