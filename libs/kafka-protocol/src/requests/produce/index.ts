import { defineApi } from '../../api';
import type { ProduceRequest, ProduceResponse } from './types';
import { decode as decodeV3 } from './v3/request';
import { encode as encodeV3 } from './v3/response';
import { encode as encodeV5 } from './v5/response';

export * from './types';

/**
 * v3 is the first version with RecordBatch v2 (magic 2), the only format the broker stores.
 * Requests keep the v3 layout through v7; responses gain log_start_offset in v5.
 * An acks=0 request expects no response at all: the broker must not send one.
 */
export const produce = defineApi<ProduceRequest, ProduceResponse>(0, 'Produce', {
  3: { decodeRequest: decodeV3, encodeResponse: encodeV3 },
  4: { decodeRequest: decodeV3, encodeResponse: encodeV3 },
  5: { decodeRequest: decodeV3, encodeResponse: encodeV5 },
  6: { decodeRequest: decodeV3, encodeResponse: encodeV5 },
  7: { decodeRequest: decodeV3, encodeResponse: encodeV5 },
});
