import { readPlatformSchema, type ErrorReason, type ErrorRecord } from '@tributary/avro';
import type { RecordMetadata } from 'kafkajs';
import type { ConsumedRecord } from './consumed-record';
import { parseStageTopic, siblingStageTopic } from './stage-topics';
import type { StreamProducer } from './stream-producer';

export type ErrorStage = ErrorRecord['stage'];

/** A record as received, before or after decoding: all an ErrorRecord needs of it. */
export type ReceivedRecord = Pick<ConsumedRecord<unknown>, 'topic' | 'partition' | 'offset' | 'keyBytes' | 'payload' | 'context'>;

export interface Failure {
  readonly stage: ErrorStage;
  readonly reasons: readonly ErrorReason[];
  readonly attempt: number;
  readonly failedAt?: Date;
}

/**
 * The ErrorRecord of a failed record (schemas/error-record.avsc). Tenant and pipeline come from
 * the record's headers, else from its topic name; the payload and key are kept byte for byte
 * so the record can be decoded with its own schema id and replayed.
 */
export function errorRecordOf(record: ReceivedRecord, failure: Failure): ErrorRecord {
  if (failure.reasons.length === 0) throw new Error(`an ErrorRecord needs at least one reason (record ${record.topic}/${record.partition}@${record.offset})`);
  const topic = parseStageTopic(record.topic);
  return {
    tenant: record.context.tenant ?? topic?.tenant ?? '',
    pipeline: record.context.pipeline ?? topic?.pipeline ?? '',
    runId: record.context.runId ?? null,
    stage: failure.stage,
    reasons: failure.reasons.map((r) => ({ code: r.code, message: r.message, field: r.field ?? null })),
    attempt: failure.attempt,
    failedAt: failure.failedAt ?? new Date(),
    recordKey: record.keyBytes,
    originalPayload: record.payload,
    sourceOffset: { topic: record.topic, partition: record.partition, offset: Number(record.offset) },
    traceparent: record.context.traceparent ?? null,
  };
}

/** `<p>.errors` of the record's pipeline. */
export function errorTopicOf(topic: string): string {
  return siblingStageTopic(topic, 'errors');
}

/**
 * Writes the ErrorRecord to `errorTopic` with the failed record's key and context headers (so
 * the error keeps its trace and stays on the key's partition). ErrorRecord's schema is
 * registered under `<errorTopic>-value` on first use.
 */
export function sendToErrors(producer: StreamProducer, errorTopic: string, record: ReceivedRecord, failure: Failure): Promise<RecordMetadata[]> {
  return producer.publish<ErrorRecord>(
    errorTopic,
    [{ key: record.keyBytes, value: errorRecordOf(record, failure), context: record.context }],
    { schema: readPlatformSchema('error-record') },
  );
}
