import { ConfluentAvroCodec } from '@tributary/avro';
import type { IHeaders } from 'kafkajs';
import { writeRecordHeaders, type RecordContext } from '../record-headers';
import { valueSubjectOf } from '../stream-producer';

/** What a NestJS ClientKafka emits: a Kafka message, or a bare value (as Nest's own serializer accepts). */
export interface NestKafkaOutgoing {
  readonly key?: string | Buffer | null;
  readonly value: unknown;
  readonly headers?: IHeaders;
  /** Tributary's record context, written as its headers (record-headers.ts). */
  readonly context?: RecordContext;
}

export interface NestKafkaMessage {
  key: string | Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/**
 * The Avro side of @nestjs/microservices' Kafka transport, for producers: pass an instance as
 * `serializer` of ClientKafka (Transport.KAFKA). It has the shape of Nest's `Serializer`
 * interface and imports nothing of Nest, so this library stays framework-free (its type:logic
 * tag bans @nestjs/*); TypeScript checks the fit where a service passes it in.
 *
 * ClientKafka calls `serialize(data, { pattern })` with the topic as the pattern
 * (client-kafka.js dispatchEvent), so the value is encoded under `<topic>-value` (topic-name
 * strategy), registering the schema given for that topic on first use. Request/reply replies
 * (ServerKafka.sendMessage) are serialized without a topic: give them `replySubject`.
 */
export class AvroKafkaSerializer {
  private readonly registered = new Set<string>();

  constructor(
    private readonly codec: ConfluentAvroCodec,
    private readonly options: { readonly schemas?: Readonly<Record<string, string | object>>; readonly replySubject?: string } = {},
  ) {}

  async serialize(data: unknown, options?: { pattern?: unknown }): Promise<NestKafkaMessage> {
    const message = isKafkaMessage(data) ? data : { value: data };
    const topic = typeof options?.pattern === 'string' ? options.pattern : undefined;
    const subject = topic !== undefined ? valueSubjectOf(topic) : this.options.replySubject;
    if (subject === undefined) {
      throw new Error('AvroKafkaSerializer got no topic (pattern) to pick the subject from; set replySubject for request/reply answers');
    }
    const schema = topic !== undefined ? this.options.schemas?.[topic] : undefined;
    if (schema !== undefined && !this.registered.has(subject)) {
      await this.codec.register(subject, schema);
      this.registered.add(subject);
    }
    const value = message.value === null || message.value === undefined ? null : await this.codec.encode(subject, message.value);
    return {
      key: message.key ?? null,
      value,
      headers: { ...message.headers, ...writeRecordHeaders(message.context ?? {}) },
    };
  }
}

function isKafkaMessage(data: unknown): data is NestKafkaOutgoing {
  return typeof data === 'object' && data !== null && !Buffer.isBuffer(data) && 'value' in data && ('key' in data || 'headers' in data || 'context' in data);
}
