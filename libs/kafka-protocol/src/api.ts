import type { Decoder } from './decoder';
import type { Encoder } from './encoder';

/** One version of one API, seen from the broker: decode what the client sent, encode our answer. */
export interface VersionCodec<Req, Res> {
  readonly decodeRequest: (d: Decoder) => Req;
  readonly encodeResponse: (e: Encoder, res: Res) => void;
}

export interface ApiDefinition<Req = unknown, Res = unknown> {
  readonly key: number;
  readonly name: string;
  /** Only non-flexible versions: kafkajs needs no more, and librdkafka falls back to them. */
  readonly versions: Readonly<Record<number, VersionCodec<Req, Res>>>;
}

export function defineApi<Req, Res>(
  key: number,
  name: string,
  versions: Record<number, VersionCodec<Req, Res>>,
): ApiDefinition<Req, Res> {
  return { key, name, versions };
}

export function versionRange(api: ApiDefinition): { min: number; max: number } {
  const versions = Object.keys(api.versions).map(Number);
  return { min: Math.min(...versions), max: Math.max(...versions) };
}
