import type { QualityReport } from '@tributary/quality';

/** The control plane's run answers, as far as the CLI reads them (services/control-plane/src/runs/run-views.ts). */
export interface RunView {
  id: string;
  pipeline: string;
  pipelineVersion: number;
  status: 'requested' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  trigger: string;
  mode: string | null;
  requestedBy: string | null;
  requestedAt: string;
  startedAt: string | null;
  /** When the source was read to its end; the run succeeds once every stage has caught up. */
  sourceFinishedAt?: string | null;
  /** While the stages catch up: the consumer the run waits for. */
  waitingFor?: string | null;
  finishedAt: string | null;
  error: string | null;
  /** Whether `GET /runs/{id}/quality` has a report (the pipeline's validator has checked records). */
  hasQualityReport?: boolean;
  /** The report's score and whether it raised alerts. */
  quality?: { score: number; ok: boolean } | null;
}

/** The parts of a run's data-quality report the CLI shows. */
export type QualityReportView = Pick<QualityReport, 'records' | 'passed' | 'failed' | 'score' | 'ok' | 'alerts'>;

export interface StageCount {
  stage: string;
  recordsIn: number;
  recordsOut: number;
  errors: number;
  /** Dropped by a filter step (absent from control planes older than the count). */
  filtered?: number;
}

export interface RunDetail extends RunView {
  counts: StageCount[];
  errorSamples: number;
}

export const FINISHED: readonly RunView['status'][] = ['succeeded', 'failed', 'cancelled'];
