import { randomUUID } from 'node:crypto';
import { readPlatformSchema, type RunEvent } from '@tributary/avro';
import { INTERNAL_TOPICS } from '@tributary/pipeline-spec';
import type { StreamProducer } from '@tributary/stream';

/** A run as requested on `_tributary.runs`: what a runner needs of the REQUESTED event. */
export interface RunRequest {
  readonly runId: string;
  readonly tenant: string;
  readonly pipeline: string;
  readonly mode: 'FULL' | 'INCREMENTAL';
}

/** SOURCE counts of a run so far (RunEvent StageCount): rows read, records published to raw, rows sent to errors. */
export interface SourceCounts {
  readonly read: number;
  readonly published: number;
  readonly errors: number;
}

export const NO_COUNTS: SourceCounts = Object.freeze({ read: 0, published: 0, errors: 0 });

export function addCounts(a: SourceCounts, b: SourceCounts): SourceCounts {
  return { read: a.read + b.read, published: a.published + b.published, errors: a.errors + b.errors };
}

/**
 * The request of a REQUESTED event. The control plane sets the mode on every request; one
 * without (an older or foreign producer) runs the pipeline as its source says (INCREMENTAL
 * means "from the stored cursor" and falls back to a full read where there is none).
 */
export function runRequestOf(event: RunEvent): RunRequest {
  return { runId: event.runId, tenant: event.tenant, pipeline: event.pipeline, mode: event.mode ?? 'INCREMENTAL' };
}

type Emitted = Extract<RunEvent['type'], 'STARTED' | 'PROGRESS' | 'FINISHED' | 'FAILED'>;

/** One event of a run this runner executes; a fresh event id each (consumers drop redeliveries by it). */
export function runEvent(request: RunRequest, type: Emitted, fields: { counts?: SourceCounts; error?: string; at?: Date } = {}): RunEvent {
  return {
    eventId: randomUUID(),
    runId: request.runId,
    tenant: request.tenant,
    pipeline: request.pipeline,
    type,
    at: fields.at ?? new Date(),
    trigger: null,
    requestedBy: null,
    mode: type === 'STARTED' ? request.mode : null,
    counts: fields.counts && type !== 'STARTED' ? [{ stage: 'SOURCE', recordsIn: fields.counts.read, recordsOut: fields.counts.published, errors: fields.counts.errors, filtered: 0 }] : [],
    error: type === 'FAILED' ? (fields.error ?? 'the run failed') : null,
    reporter: null,
  };
}

/** Where run events go. */
export type RunEventSink = (event: RunEvent) => Promise<void>;

/** Run events on `_tributary.runs`, keyed by run id so one run's events stay in order. */
export function runEventPublisher(producer: StreamProducer, topic: string = INTERNAL_TOPICS.runs): RunEventSink {
  const schema = readPlatformSchema('run-event');
  return async (event) => {
    await producer.publish(topic, [{ key: event.runId, value: event, context: { tenant: event.tenant, pipeline: event.pipeline, runId: event.runId } }], { schema });
  };
}
