import { defineApi } from '../../api';
import type { OffsetFetchRequest, OffsetFetchResponse } from './types';
import { decode as decodeV1 } from './v1/request';
import { encode as encodeV1 } from './v1/response';
import { decode as decodeV2 } from './v2/request';
import { encode as encodeV2 } from './v2/response';
import { encode as encodeV3 } from './v3/response';

export * from './types';

/**
 * v1 (Kafka-stored offsets) is the oldest we serve: v0 read offsets from ZooKeeper and no
 * client we judge against sends it. v2 makes topics nullable (all) and adds a group-level
 * error_code, v3 adds throttle_time_ms, v4 answers before throttling (KIP-219).
 */
export const offsetFetch = defineApi<OffsetFetchRequest, OffsetFetchResponse>(9, 'OffsetFetch', {
  1: { decodeRequest: decodeV1, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeV2, encodeResponse: encodeV2 },
  3: { decodeRequest: decodeV2, encodeResponse: encodeV3 },
  4: { decodeRequest: decodeV2, encodeResponse: encodeV3 },
});
