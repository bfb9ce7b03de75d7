/**
 * kafkajs's own request encoders and response decoders, used as an independent judge of our
 * codecs: a request kafkajs encodes must decode with ours, and a response we encode must decode
 * with kafkajs's to the same values. Test-only; not exported from the library.
 */
import { Decoder } from '../decoder';
import { Encoder } from '../encoder';
import type { ApiDefinition } from '../api';

interface KafkajsRequest {
  apiKey: number;
  apiVersion: number;
  encode(): Promise<{ buffer: Buffer }>;
}

/** `api` is kafkajs's folder name, e.g. 'produce', 'apiVersions'. */
export async function kafkajsRequestBody(api: string, version: number, ...args: unknown[]): Promise<Buffer> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(`kafkajs/src/protocol/requests/${api}/v${version}/request`) as (...a: unknown[]) => KafkajsRequest;
  const request = factory(...args);
  return (await request.encode()).buffer;
}

export async function kafkajsDecodeResponse<T = Record<string, unknown>>(api: string, version: number, body: Buffer): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { decode } = require(`kafkajs/src/protocol/requests/${api}/v${version}/response`) as {
    decode(b: Buffer): Promise<T>;
  };
  return decode(body);
}

/** Decodes a request body with our codec and checks that every byte was consumed. */
export function decodeWithOurs<Req, Res>(def: ApiDefinition<Req, Res>, version: number, body: Buffer): Req {
  const d = new Decoder(body);
  const req = def.versions[version].decodeRequest(d);
  if (d.remaining !== 0) throw new Error(`${def.name} v${version}: ${d.remaining} bytes left undecoded`);
  return req;
}

export function encodeWithOurs<Res>(def: ApiDefinition<unknown, Res>, version: number, res: Res): Buffer {
  const e = new Encoder();
  def.versions[version].encodeResponse(e, res);
  return e.finish();
}
