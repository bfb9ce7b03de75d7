import type { RunEvent } from '@tributary/avro';
import type { RunEntity } from '@tributary/persistence';
import { derivedUuid } from './run-requests';

/**
 * How a cancellation travels on `_tributary.runs`: schemas/run-event.avsc has no CANCELLED
 * type, so it is a FAILED event whose error starts with "cancelled". Runners stop a run on its
 * FAILED event whoever sent it; the control plane keeps the run 'cancelled' (terminal states
 * are final). The event id is derived from the run, so sending it again is the same event.
 */
export function cancelledEvent(run: RunEntity): RunEvent {
  return {
    eventId: derivedUuid(`cancelled:${run.id}`),
    runId: run.id,
    tenant: run.tenantId,
    pipeline: run.pipeline,
    type: 'FAILED',
    at: run.finishedAt ?? new Date(),
    trigger: null,
    requestedBy: null,
    mode: null,
    counts: [],
    error: run.error ?? 'cancelled',
    reporter: null,
  };
}
