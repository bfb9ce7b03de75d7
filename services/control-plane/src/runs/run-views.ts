import type { RunEntity, RunErrorSampleEntity, RunEventEntity, RunStageCountEntity } from '@tributary/persistence';

export interface RunView {
  id: string;
  tenant: string;
  pipeline: string;
  pipelineVersion: number;
  status: RunEntity['status'];
  trigger: RunEntity['trigger'];
  mode: RunEntity['mode'];
  requestedBy: string | null;
  scheduledFor: string | null;
  requestedAt: string;
  /** False while the run request has not reached `_tributary.runs` (it will be retried). */
  requestPublished: boolean;
  startedAt: string | null;
  /** When the source was read to its end; the run succeeds once every stage has caught up. */
  sourceFinishedAt: string | null;
  /** While the stages catch up: the consumer the run waits for now (transformer, validator, tax-sink, sink.<n>.<name>). */
  waitingFor: string | null;
  finishedAt: string | null;
  error: string | null;
  cancelledBy: string | null;
  hasQualityReport: boolean;
  /** The data-quality report's score (0-100) and whether it raised alerts; null without a report. */
  quality: { score: number; ok: boolean } | null;
}

export interface StageCountView {
  stage: string;
  recordsIn: number;
  recordsOut: number;
  errors: number;
  /** Dropped on purpose by a filter step: neither passed on nor failed. */
  filtered: number;
  reportedAt: string;
}

export interface RunDetail extends RunView {
  counts: StageCountView[];
  /** The latest 200 events, oldest first. */
  events: { type: string; at: string; error: string | null }[];
  errorSamples: number;
}

export interface ErrorSampleView {
  id: string;
  stage: string;
  reasons: unknown;
  attempt: number;
  failedAt: string;
  recordKey: string | null;
  record: unknown;
  source: { topic: string; partition: number; offset: string } | null;
  /** Where the ErrorRecord itself is, to replay or inspect it. */
  errorRecord: { topic: string; partition: number; offset: string };
}

/** RunEvent's stages in record-path order, so counts read from source to sink. */
const STAGE_ORDER = ['SOURCE', 'TRANSFORM', 'VALIDATE', 'TAX_SINK', 'RESULT_WRITER', 'OTHER'];

export function runView(r: RunEntity): RunView {
  return {
    id: r.id,
    tenant: r.tenantId,
    pipeline: r.pipeline,
    pipelineVersion: r.pipelineVersion,
    status: r.status,
    trigger: r.trigger,
    mode: r.mode,
    requestedBy: r.requestedBy,
    scheduledFor: r.scheduledFor?.toISOString() ?? null,
    requestedAt: r.requestedAt.toISOString(),
    requestPublished: r.requestPublishedAt !== null,
    startedAt: r.startedAt?.toISOString() ?? null,
    sourceFinishedAt: r.sourceFinishedAt?.toISOString() ?? null,
    waitingFor: r.status === 'running' ? (r.drain?.waitingFor ?? null) : null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    error: r.error,
    cancelledBy: r.cancelledBy,
    hasQualityReport: r.qualityReport !== null,
    quality: qualitySummary(r.qualityReport),
  };
}

/** Score and ok of a stored report; null for none, or one without them (hand-written long ago). */
function qualitySummary(report: object | null): RunView['quality'] {
  const { score, ok } = (report ?? {}) as { score?: unknown; ok?: unknown };
  return typeof score === 'number' && typeof ok === 'boolean' ? { score, ok } : null;
}

/** One line per stage: its reporters' counts added up, as of the latest report. */
export function stageCountViews(rows: RunStageCountEntity[]): StageCountView[] {
  const byStage = new Map<string, StageCountView>();
  for (const c of rows) {
    const seen = byStage.get(c.stage) ?? { stage: c.stage, recordsIn: 0, recordsOut: 0, errors: 0, filtered: 0, reportedAt: c.reportedAt.toISOString() };
    seen.recordsIn += Number(c.recordsIn);
    seen.recordsOut += Number(c.recordsOut);
    seen.errors += Number(c.errors);
    seen.filtered += Number(c.filtered);
    if (c.reportedAt.toISOString() > seen.reportedAt) seen.reportedAt = c.reportedAt.toISOString();
    byStage.set(c.stage, seen);
  }
  return [...byStage.values()].sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage));
}

export function eventViews(rows: RunEventEntity[]): RunDetail['events'] {
  return rows.map((e) => ({ type: e.type, at: e.at.toISOString(), error: e.error }));
}

export function errorSampleView(s: RunErrorSampleEntity): ErrorSampleView {
  return {
    id: s.id,
    stage: s.stage,
    reasons: s.reasons,
    attempt: s.attempt,
    failedAt: s.failedAt.toISOString(),
    recordKey: s.recordKey,
    record: s.record,
    source: s.sourceTopic !== null ? { topic: s.sourceTopic, partition: s.sourcePartition!, offset: s.sourceOffset! } : null,
    errorRecord: { topic: s.topic, partition: s.partition, offset: s.offset },
  };
}
