import { AvroDecodeError, platformType, type ConfluentAvroCodec, type TaxResult } from '@tributary/avro';
import type { ErrorCode } from './client-frames';

/**
 * What the gateway sends, one JSON object per text frame (README.md documents each). Offsets are
 * decimal text, exact for any Kafka offset; result values are TaxResults with decimals as exact
 * text and timestamps as ISO 8601.
 */
export const serverFrames = {
  ready: (tenant: string, role: string) => JSON.stringify({ type: 'ready', tenant, role }),
  subscribed: (tenant: string, pipeline: string, lastSeen: Record<string, string>) => JSON.stringify({ type: 'subscribed', tenant, pipeline, lastSeen }),
  unsubscribed: (tenant: string, pipeline: string) => JSON.stringify({ type: 'unsubscribed', tenant, pipeline }),
  gap: (tenant: string, pipeline: string, partition: number, from: bigint, to: bigint) =>
    JSON.stringify({ type: 'gap', tenant, pipeline, partition, from: String(from), to: String(to), reason: 'these offsets are past the topic retention and cannot be replayed' }),
  error: (code: ErrorCode, message: string, extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'error', code, message, ...extra }),
  pong: (id: unknown) => JSON.stringify({ type: 'pong', ...(id !== undefined && { id }) }),
};

/**
 * The frame of one `<p>.results` record, built once per record and shared by every subscriber.
 * A value that does not decode still becomes a frame (`unreadable`), so a client's offsets move
 * past it like everyone's; a registry that cannot be reached throws, and the record is read again.
 */
export function resultFrameDecoder(codec: ConfluentAvroCodec, tenant: string, pipeline: string): (partition: number, offset: string, key: Buffer | null, value: Buffer | null) => Promise<string> {
  const reader = platformType('tax-result');
  return async (partition, offset, key, value) => {
    const head = { tenant, pipeline, partition, offset, key: key?.toString('utf8') ?? null };
    if (value === null) return JSON.stringify({ type: 'unreadable', ...head, reason: 'a record without a value' });
    try {
      const result = await codec.decodeWith<TaxResult>(value, reader);
      return JSON.stringify({ type: 'result', ...head, result });
    } catch (error) {
      if (!(error instanceof AvroDecodeError)) throw error;
      return JSON.stringify({ type: 'unreadable', ...head, reason: error.message });
    }
  };
}
