import { defineApi } from '../../api';
import type { InitProducerIdRequest, InitProducerIdResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';

export * from './types';

/** v1 only changed throttling semantics (KIP-219): both versions use the v0 layout. */
export const initProducerId = defineApi<InitProducerIdRequest, InitProducerIdResponse>(22, 'InitProducerId', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
});
