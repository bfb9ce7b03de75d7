import { ConfluentAvroCodec, type AvroDecodeError } from '@tributary/avro';
import type { Type } from 'avsc';
import type { IHeaders } from 'kafkajs';
import { readRecordHeaders, type RecordContext } from '../record-headers';

/** A message as @nestjs/microservices' KafkaParser hands it over (headers and key as text). */
export interface NestKafkaIncoming {
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: string;
  readonly key?: string | Buffer | null;
  readonly value?: unknown;
  readonly headers?: IHeaders;
}

/** What a handler gets as its payload: the decoded value and the record's context. */
export interface AvroKafkaEvent<T = unknown> {
  readonly value: T | null;
  readonly context: RecordContext;
  readonly key: string | null;
}

/**
 * The Avro side of @nestjs/microservices' Kafka transport, for consumers: pass an instance as
 * `deserializer` of a Transport.KAFKA microservice. Nest's shape, no Nest import (see
 * AvroKafkaSerializer). KafkaParser leaves a value starting with byte 0 (a Confluent frame) as a
 * Buffer even without `keepBinary`; this decodes it, and hands the handler
 * `{ value, context, key }` under the topic as pattern.
 *
 * Where this transport fits: control events (run requests, pipeline changes) where a record that
 * does not decode is a bug to stop on. It throws on such a record, and the transport then retries
 * and restarts its consumer, so the partition stalls; stage consumers, where a poison record
 * must go to `<p>.errors` and the partition move on, use ConsumerRunner.
 */
export class AvroKafkaDeserializer {
  constructor(
    private readonly codec: ConfluentAvroCodec,
    private readonly options: { readonly readerType?: Type } = {},
  ) {}

  async deserialize(message: NestKafkaIncoming, options?: { channel?: string }): Promise<{ pattern: string | undefined; data: AvroKafkaEvent }> {
    const raw = message?.value;
    let value: unknown = null;
    if (raw !== null && raw !== undefined) {
      const frame = Buffer.isBuffer(raw) ? raw : undefined;
      if (frame === undefined) throw this.failure(message, 'the value is not Confluent-framed Avro (KafkaParser did not leave it as bytes)');
      try {
        const { readerType } = this.options;
        value = readerType === undefined ? await this.codec.decode(frame) : await this.codec.decodeWith(frame, readerType);
      } catch (error) {
        throw this.failure(message, (error as AvroDecodeError).message, error);
      }
    }
    const key = message.key === null || message.key === undefined ? null : message.key.toString();
    return { pattern: options?.channel ?? message.topic, data: { value, context: readRecordHeaders(message.headers), key } };
  }

  private failure(message: NestKafkaIncoming, why: string, cause?: unknown): Error {
    return new Error(`record ${message.topic ?? '?'}/${message.partition ?? '?'}@${message.offset ?? '?'} does not decode: ${why}`, { cause });
  }
}
