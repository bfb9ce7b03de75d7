import { defineApi } from '../../api';
import type { SaslHandshakeRequest, SaslHandshakeResponse } from './types';
import { decode as decodeV0 } from './v0/request';
import { encode as encodeV0 } from './v0/response';

export * from './types';

/**
 * SaslHandshake v0 and v1 share one layout; what differs is how the SASL tokens AFTER the
 * handshake travel (https://kafka.apache.org/protocol#sasl_handshake, KIP-152). The broker
 * must remember the handshake's version per connection and frame what follows by it:
 *
 * - After a v0 handshake the tokens are NOT Kafka requests. The client writes each token as
 *   [int32 size][token bytes], with no request header, api key or correlation id; the broker
 *   answers each with [int32 size][challenge bytes], again with no correlation id. Parsing
 *   such a frame as a request would read the token as a header. PLAIN sends one token
 *   (authzid NUL authcid NUL password) and the broker answers success with an empty
 *   challenge, i.e. the four bytes 00000000. The framing has no error field: on bad
 *   credentials the broker can only close the connection. Normal requests follow once
 *   the mechanism completes.
 * - After a v1 handshake every token travels inside a SaslAuthenticate request (api key 36,
 *   ../sasl-authenticate) with an ordinary header and correlation id, and the broker answers
 *   a SaslAuthenticate response: error_code (SASL_AUTHENTICATION_FAILED with an
 *   error_message on bad credentials, then closing), auth_bytes (the bare challenge, empty
 *   for PLAIN) and, v1+, session_lifetime_ms (0: no re-authentication, KIP-368).
 *
 * Which path a client takes depends on what ApiVersions advertises: kafkajs 2.x uses
 * SaslAuthenticate framing when api key 36 is listed (else the raw v0 framing), sending the
 * handshake at the highest common version; librdkafka uses it only when SaslHandshake v1
 * and SaslAuthenticate v0 are both offered (its SASL_AUTH_REQ feature). Advertising
 * SaslHandshake 0..1 and SaslAuthenticate 0..1 puts both on the framed path; the raw path
 * stays for clients that only speak v0.
 *
 * Until authentication completes Apache Kafka accepts only ApiVersions and SaslHandshake
 * before the handshake, and only SaslAuthenticate after a v1 one; anything else (a second
 * handshake included) gets ILLEGAL_SASL_STATE and the connection is closed.
 */
export const saslHandshake = defineApi<SaslHandshakeRequest, SaslHandshakeResponse>(17, 'SaslHandshake', {
  0: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
  1: { decodeRequest: decodeV0, encodeResponse: encodeV0 },
});
