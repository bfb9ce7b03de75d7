import { defineApi } from '../../api';
import type { ListOffsetsRequest, ListOffsetsResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { decode as decodeV1 } from './v1/request';
import { encode as encodeV1 } from './v1/response';
import { decode as decodeV2 } from './v2/request';
import { encode as encodeV2 } from './v2/response';

export * from './types';

/** Special timestamps a request may carry in place of a time. */
export const LIST_OFFSETS_TIMESTAMP = { LATEST: -1, EARLIEST: -2 } as const;

/** v3 only changed throttling semantics (KIP-219), so it shares v2's layout. */
export const listOffsets = defineApi<ListOffsetsRequest, ListOffsetsResponse>(2, 'ListOffsets', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV1, encodeResponse: encodeV1 },
  2: { decodeRequest: decodeV2, encodeResponse: encodeV2 },
  3: { decodeRequest: decodeV2, encodeResponse: encodeV2 },
});
