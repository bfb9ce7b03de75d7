import { defineApi } from '../../api';
import type { SaslAuthenticateRequest, SaslAuthenticateResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';
import { encode as encodeV1 } from './v1/response';

export * from './types';

/** v1 adds session_lifetime_ms to the response (KIP-368); the request never changes. */
export const saslAuthenticate = defineApi<SaslAuthenticateRequest, SaslAuthenticateResponse>(36, 'SaslAuthenticate', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV1 },
});
