import type { IHeaders } from 'kafkajs';
import { parseTraceparent } from './traceparent';

/**
 * Every header Tributary reads or writes, in one table (DESIGN.md "The record path"). The first
 * five travel with a record from source to result; the last two only on `<p>.retry`.
 */
export const RECORD_HEADERS = {
  tenant: 'tributary-tenant',
  pipeline: 'tributary-pipeline',
  run: 'tributary-run',
  /** The source's position of the record (a cursor value, a file line...), as text. */
  sourceOffset: 'tributary-source-offset',
  /** W3C Trace Context; the one header without our prefix, so any tracer finds it. */
  traceparent: 'traceparent',
  /** Which try this delivery is: absent means 1; `<p>.retry` records carry 2, 3, ... */
  attempt: 'tributary-attempt',
  /** When a `<p>.retry` record is due again: milliseconds since the epoch, as decimal text. */
  retryAt: 'tributary-retry-at',
} as const;

/** Who a record belongs to and where it came from: what every hop passes on. */
export interface RecordContext {
  readonly tenant?: string;
  readonly pipeline?: string;
  /** A run id (a UUID: ErrorRecord.runId and RunEvent.runId are Avro uuids). */
  readonly runId?: string;
  readonly sourceOffset?: string;
  readonly traceparent?: string;
}

/** When and how often a record has been tried: read from the retry headers. */
export interface Delivery {
  readonly attempt: number;
  /** Undefined: due now. */
  readonly retryAt?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class RecordHeaderError extends Error {
  override readonly name = 'RecordHeaderError';
}

/** The headers of a record with this context. Throws RecordHeaderError naming a malformed value. */
export function writeRecordHeaders(context: RecordContext, delivery?: Delivery): IHeaders {
  const headers: IHeaders = {};
  const put = (name: string, value: string | undefined, valid: (v: string) => boolean, what: string) => {
    if (value === undefined) return;
    if (typeof value !== 'string' || !valid(value)) {
      throw new RecordHeaderError(`header ${name} must be ${what}, got ${JSON.stringify(value)}`);
    }
    headers[name] = value;
  };
  const text = (v: string) => v.length > 0;
  put(RECORD_HEADERS.tenant, context.tenant, text, 'non-empty text');
  put(RECORD_HEADERS.pipeline, context.pipeline, text, 'non-empty text');
  put(RECORD_HEADERS.run, context.runId, (v) => UUID.test(v), 'a UUID');
  put(RECORD_HEADERS.sourceOffset, context.sourceOffset, text, 'non-empty text');
  put(RECORD_HEADERS.traceparent, context.traceparent, (v) => parseTraceparent(v) !== undefined, 'a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>)');
  if (delivery !== undefined) {
    if (!Number.isInteger(delivery.attempt) || delivery.attempt < 1) {
      throw new RecordHeaderError(`header ${RECORD_HEADERS.attempt} must be an integer from 1, got ${delivery.attempt}`);
    }
    if (delivery.attempt > 1) headers[RECORD_HEADERS.attempt] = String(delivery.attempt);
    if (delivery.retryAt !== undefined) {
      if (!Number.isSafeInteger(delivery.retryAt) || delivery.retryAt < 0) {
        throw new RecordHeaderError(`header ${RECORD_HEADERS.retryAt} must be epoch milliseconds, got ${delivery.retryAt}`);
      }
      headers[RECORD_HEADERS.retryAt] = String(delivery.retryAt);
    }
  }
  return headers;
}

/**
 * The context a record's headers carry. Reading is lenient where writing is strict: a record
 * from an upstream producer with a malformed run id or traceparent still gets processed, the
 * bad value is left out (W3C: an invalid traceparent is ignored and a new trace started; a run
 * id that is not a UUID could not be written to ErrorRecord.runId).
 */
export function readRecordHeaders(headers: IHeaders | undefined): RecordContext {
  const runId = headerText(headers, RECORD_HEADERS.run);
  const traceparent = headerText(headers, RECORD_HEADERS.traceparent);
  const context: { -readonly [K in keyof RecordContext]: RecordContext[K] } = {};
  const tenant = headerText(headers, RECORD_HEADERS.tenant);
  const pipeline = headerText(headers, RECORD_HEADERS.pipeline);
  const sourceOffset = headerText(headers, RECORD_HEADERS.sourceOffset);
  if (tenant) context.tenant = tenant;
  if (pipeline) context.pipeline = pipeline;
  if (runId && UUID.test(runId)) context.runId = runId.toLowerCase();
  if (sourceOffset) context.sourceOffset = sourceOffset;
  if (traceparent && parseTraceparent(traceparent)) context.traceparent = traceparent;
  return context;
}

/** Attempt and due time of a record; malformed values read as "first attempt, due now". */
export function readDelivery(headers: IHeaders | undefined): Delivery {
  const attemptText = headerText(headers, RECORD_HEADERS.attempt);
  const retryAtText = headerText(headers, RECORD_HEADERS.retryAt);
  const attempt = attemptText !== undefined && /^[1-9][0-9]{0,8}$/.test(attemptText) ? Number(attemptText) : 1;
  const retryAt = retryAtText !== undefined && /^[0-9]{1,15}$/.test(retryAtText) ? Number(retryAtText) : undefined;
  return retryAt === undefined ? { attempt } : { attempt, retryAt };
}

/**
 * A header as text. Kafka allows a key to repeat; as Java's `Headers.lastHeader`, the last wins.
 * kafkajs hands values over as Buffers, @nestjs/microservices' parser as strings: both are read.
 */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (last === undefined || last === null) return undefined;
  return typeof last === 'string' ? last : last.toString('utf8');
}
