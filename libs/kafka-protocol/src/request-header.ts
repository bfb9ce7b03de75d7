import { Decoder } from './decoder';
import { Encoder } from './encoder';

/**
 * Request Header v1 => request_api_key request_api_version correlation_id client_id
 *   request_api_key => INT16
 *   request_api_version => INT16
 *   correlation_id => INT32
 *   client_id => NULLABLE_STRING
 * Request Header v2 (flexible versions) adds TAG_BUFFER after client_id. We only read
 * flexible headers far enough to answer ApiVersions with UNSUPPORTED_VERSION (KIP-511).
 */
export interface RequestHeader {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
}

export function decodeRequestHeader(d: Decoder): RequestHeader {
  const apiKey = d.int16();
  const apiVersion = d.int16();
  const correlationId = d.int32();
  const clientId = d.nullableString();
  return { apiKey, apiVersion, correlationId, clientId };
}

/** Response Header v0 => correlation_id INT32. The frame's size prefix is written here too. */
export function encodeResponseFrame(correlationId: number, writeBody: (e: Encoder) => void, initialSize = 256): Buffer {
  const e = new Encoder(initialSize);
  e.int32(0).int32(correlationId);
  writeBody(e);
  e.patchInt32(0, e.length - 4);
  return e.finish();
}
