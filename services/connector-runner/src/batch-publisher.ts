import { readPlatformSchema, type ErrorRecord } from '@tributary/avro';
import type { AvroRecordSchema, DiscoveredStream, InvalidRow, SourceBatch } from '@tributary/connectors';
import { newTraceparent, type OutgoingRecord, type StreamProducer } from '@tributary/stream';

/** Where one run's batches go and what they carry. */
export interface BatchTarget {
  readonly tenant: string;
  readonly pipeline: string;
  readonly runId: string;
  /** `<p>.raw`, whose subject `<p>.raw-value` gets `schema`. */
  readonly rawTopic: string;
  readonly errorsTopic: string;
  /** The stream's schema from discover(): registered on first publish, refused if incompatible. */
  readonly schema: AvroRecordSchema;
  /** The record key of a record value (the pipeline's source.key), as text. */
  readonly keyOf: (value: Record<string, unknown>) => string | null;
  /** A traceparent for a record entering the platform; default a new trace per record. */
  readonly traceparent?: () => string;
}

/**
 * Publishes a batch: its records to `<p>.raw` (Avro, the stream's schema), its invalid rows to
 * `<p>.errors` as ErrorRecords of stage SOURCE, each with the tenant, pipeline, run,
 * source-offset and traceparent headers. Resolves once Kafka acknowledged all of it; only then
 * may the batch's cursor be committed.
 */
export async function publishBatch(producer: StreamProducer, target: BatchTarget, batch: SourceBatch): Promise<{ published: number; errors: number }> {
  const trace = target.traceparent ?? newTraceparent;
  const context = (position: string) => ({ tenant: target.tenant, pipeline: target.pipeline, runId: target.runId, sourceOffset: position, traceparent: trace() });
  const records: OutgoingRecord<Record<string, unknown>>[] = batch.records.map((record) => ({
    key: target.keyOf(record.value),
    value: record.value,
    context: context(record.position),
  }));
  const errors: OutgoingRecord<ErrorRecord>[] = batch.invalid.map((row) => ({
    key: row.key,
    value: sourceErrorRecord(target, row),
    context: context(row.position),
  }));
  await Promise.all([
    records.length > 0 ? producer.publish(target.rawTopic, records, { schema: target.schema }) : undefined,
    errors.length > 0 ? producer.publish(target.errorsTopic, errors, { schema: ERROR_RECORD_SCHEMA }) : undefined,
  ]);
  return { published: records.length, errors: errors.length };
}

const ERROR_RECORD_SCHEMA = readPlatformSchema('error-record');

/**
 * An invalid row as an ErrorRecord (connectors/README.md): stage SOURCE, the connector's reasons
 * (each naming its field), the row's key, and the row as read (a file line's exact text, a
 * database row as JSON) as the payload, so it can be fixed and fed again. It never reached
 * Kafka as a record, so there is no source offset; the position is in the reason's message and
 * the tributary-source-offset header.
 */
export function sourceErrorRecord(target: Pick<BatchTarget, 'tenant' | 'pipeline' | 'runId'>, row: InvalidRow, at: Date = new Date()): ErrorRecord {
  return {
    tenant: target.tenant,
    pipeline: target.pipeline,
    runId: target.runId,
    stage: 'SOURCE',
    reasons: row.reasons.map((reason) => ({ code: reason.code, message: `${row.position}: ${reason.message}`, field: reason.field })),
    attempt: 1,
    failedAt: at,
    recordKey: row.key === null ? null : Buffer.from(row.key, 'utf8'),
    originalPayload: Buffer.from(row.raw, 'utf8'),
    sourceOffset: null,
    traceparent: null,
  };
}

/**
 * Reads the pipeline's key (as the source names it: `order_id`, `Inv Date`) from a record,
 * whose fields carry Avro names (`Inv_Date`); a dotted key reads into nested records.
 */
export function recordKeyReader(stream: DiscoveredStream, key: string): (value: Record<string, unknown>) => string | null {
  const field = stream.fields.find((f) => f.sourceName === key)?.name ?? stream.fields.find((f) => f.name === key)?.name;
  const path = field !== undefined ? [field] : key.split('.');
  return (value) => {
    let current: unknown = value;
    for (const part of path) current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
    return keyText(current);
  };
}

function keyText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
