import { platformType, type ConfluentAvroCodec, type ErrorRecord } from '@tributary/avro';
import type { Admin, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';

/** The failed records kept per run; the `<p>.errors` topic keeps them all. */
export const SAMPLES_PER_RUN = 100;

const ERROR_TOPIC = /^tributary\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.errors$/;

/** Every pipeline's `<p>.errors` topic that exists now. */
export function errorTopics(admin: () => Promise<Admin>): () => Promise<string[]> {
  return async () => (await (await admin()).listTopics()).filter((t) => ERROR_TOPIC.test(t));
}

/**
 * Handles one ErrorRecord from a `<p>.errors` topic: if it belongs to a run of that pipeline
 * (same tenant and pipeline as the topic says, so no record attaches to another tenant's run)
 * and the run has fewer than SAMPLES_PER_RUN samples, it is kept with its reasons and the
 * failed record decoded. Position (topic, partition, offset) makes redelivery harmless.
 */
export function errorSampleHandler(codec: ConfluentAvroCodec, dataSource: DataSource, logger: Logger) {
  const reader = platformType('error-record');
  return async (message: KafkaMessage, topic: string, partition: number): Promise<void> => {
    if (!message.value) return;
    let error: ErrorRecord;
    try {
      error = await codec.decodeWith<ErrorRecord>(message.value, reader);
    } catch (err) {
      logger.warn({ topic, partition, offset: message.offset, err: (err as Error).message }, 'passed over a message that is not an ErrorRecord');
      return;
    }
    if (!error.runId || topic !== `tributary.${error.tenant}.${error.pipeline}.errors`) return;
    const record = error.originalPayload ? await codec.decode(error.originalPayload).then(jsonSafe, () => null) : null;
    await dataSource.query(
      `INSERT INTO run_error_samples (run_id, stage, reasons, attempt, failed_at, record_key, record, source_topic, source_partition, source_offset, topic, partition, "offset")
       SELECT r.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM runs r
        WHERE r.id = $1 AND r.tenant_id = $14 AND r.pipeline = $15
          AND (SELECT count(*) FROM run_error_samples s WHERE s.run_id = r.id) < ${SAMPLES_PER_RUN}
       ON CONFLICT ON CONSTRAINT run_error_samples_position_unique DO NOTHING`,
      [
        error.runId,
        error.stage,
        JSON.stringify(jsonSafe(error.reasons)),
        error.attempt,
        error.failedAt,
        error.recordKey ? (jsonSafe(error.recordKey.toString('utf8')) as string) : null,
        record === null ? null : JSON.stringify(record),
        error.sourceOffset ? (jsonSafe(error.sourceOffset.topic) as string) : null,
        error.sourceOffset?.partition ?? null,
        error.sourceOffset === null ? null : String(error.sourceOffset.offset),
        topic,
        partition,
        message.offset,
        error.tenant,
        error.pipeline,
      ],
    );
  };
}

/** A decoded Avro value as jsonb keeps it: bytes as base64, timestamps as ISO text, no NUL characters (jsonb refuses them). */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\u0000/g, '\uFFFD');
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  return value;
}
