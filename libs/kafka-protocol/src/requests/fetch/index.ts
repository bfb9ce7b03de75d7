import { defineApi } from '../../api';
import type { FetchRequest, FetchResponse } from './types';
import { decode as decodeV4 } from './v4/request';
import { encode as encodeV4 } from './v4/response';
import { decode as decodeV5 } from './v5/request';
import { encode as encodeV5 } from './v5/response';
import { decode as decodeV7 } from './v7/request';
import { encode as encodeV7 } from './v7/response';
import { decode as decodeV9 } from './v9/request';
import { decode as decodeV11 } from './v11/request';
import { encode as encodeV11 } from './v11/response';

export * from './types';
export { fetchResponseSizeHint } from './response-size';

/**
 * v4 is the first version with isolation_level and the RecordBatch v2 format. Versions that
 * only changed semantics share the previous layout: v6 (v5), v8 (v7: KIP-219 throttling),
 * v10 (v9: zstd). Responses change at v5, v7 and v11; requests at v5, v7, v9 and v11.
 */
export const fetch = defineApi<FetchRequest, FetchResponse>(1, 'Fetch', {
  4: { decodeRequest: decodeV4, encodeResponse: encodeV4 },
  5: { decodeRequest: decodeV5, encodeResponse: encodeV5 },
  6: { decodeRequest: decodeV5, encodeResponse: encodeV5 },
  7: { decodeRequest: decodeV7, encodeResponse: encodeV7 },
  8: { decodeRequest: decodeV7, encodeResponse: encodeV7 },
  9: { decodeRequest: decodeV9, encodeResponse: encodeV7 },
  10: { decodeRequest: decodeV9, encodeResponse: encodeV7 },
  11: { decodeRequest: decodeV11, encodeResponse: encodeV11 },
});
