import type { DataSource } from 'typeorm';
import { PipelineEntity, PipelineVersionEntity, RunEntity, RunErrorSampleEntity, RunEventEntity, RunStageCountEntity, type RunStatus, type RunTrigger } from '@tributary/persistence';
import type { PipelineSpec } from '@tributary/pipeline-spec';
import type { AuditLog } from '../audit/audit-log';
import type { Actor } from '../auth/principal';
import { ApiError } from '../common/api-error';
import type { PlatformStream } from '../pipelines/platform-stream';
import { cancelledEvent } from './run-cancellation';
import { decodeCursor, encodeCursor } from './run-cursor';
import { insertRun, sqlOfManager, type RunRequestOutbox } from './run-requests';
import { errorSampleView, eventViews, runView, stageCountViews, type ErrorSampleView, type RunDetail, type RunView } from './run-views';

export interface RunFilter {
  readonly pipeline?: string;
  readonly status?: readonly RunStatus[];
  readonly trigger?: RunTrigger;
  readonly since?: Date;
  readonly until?: Date;
  readonly limit: number;
  readonly cursor?: string;
}

export interface StartRequest {
  /** Default: the pipeline's source mode. */
  readonly mode?: 'full' | 'incremental';
  readonly trigger?: 'api' | 'cli' | 'console';
}

const TERMINAL: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];
/** A long run reports progress every few seconds; its detail shows the latest events. */
const EVENTS_SHOWN = 200;

/**
 * A tenant's runs: start one now, cancel one, read them. Starting commits a requested run and
 * then publishes its request on `_tributary.runs` (the outbox retries a publish that failed);
 * the run's later states come from run events (RunEventApplier).
 */
export class RunLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly stream: PlatformStream,
    private readonly outbox: RunRequestOutbox,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async start(actor: Actor, tenantId: string, pipeline: string, request: StartRequest): Promise<RunView> {
    this.stream.requireConfigured();
    const run = await this.dataSource.transaction(async (manager) => {
      const p = await manager.getRepository(PipelineEntity).findOne({ where: { tenantId, name: pipeline }, lock: { mode: 'pessimistic_read' } });
      if (!p || p.status === 'deleted') throw new ApiError('not-found', `no pipeline '${pipeline}' in tenant '${tenantId}'`);
      if (p.status === 'paused') throw new ApiError('conflict', `pipeline '${pipeline}' is paused; resume it to run it`);
      const version = await manager.getRepository(PipelineVersionEntity).findOneByOrFail({ pipelineId: p.id, version: p.currentVersion });
      const inserted = await insertRun(sqlOfManager(manager), {
        tenantId,
        pipelineId: p.id,
        pipeline,
        pipelineVersion: p.currentVersion,
        trigger: request.trigger ?? 'api',
        mode: request.mode ?? (version.spec as PipelineSpec).source.mode,
        requestedBy: actor.id,
        requestedAt: this.clock(),
      });
      await this.audit.record(manager, actor, { tenantId, action: 'run.start', target: `run:${inserted!.id}`, after: { pipeline, trigger: inserted!.trigger, mode: inserted!.mode } });
      return inserted!;
    });
    await this.outbox.publish([run]);
    return this.get(tenantId, run.id);
  }

  /**
   * Marks the run cancelled and tells the runners with a FAILED event (RunEvent has no
   * cancellation type) whose error starts with "cancelled". Cancelling a cancelled run sends
   * the event again, so a cancel whose event was lost can simply be repeated.
   */
  async cancel(actor: Actor, tenantId: string, runId: string): Promise<RunView> {
    const run = await this.dataSource.transaction(async (manager) => {
      const runs = manager.getRepository(RunEntity);
      const row = await runs.findOne({ where: { id: runId, tenantId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new ApiError('not-found', `no run '${runId}' in tenant '${tenantId}'`);
      if (row.status === 'cancelled') return row;
      if (TERMINAL.includes(row.status)) throw new ApiError('conflict', `run '${runId}' has already ${row.status === 'succeeded' ? 'succeeded' : 'failed'}`);
      await runs.update({ id: runId }, { status: 'cancelled', cancelledBy: actor.label, finishedAt: this.clock(), error: `cancelled by ${actor.label}` });
      await this.audit.record(manager, actor, { tenantId, action: 'run.cancel', target: `run:${runId}`, before: { status: row.status }, after: { status: 'cancelled' } });
      return runs.findOneByOrFail({ id: runId });
    });
    try {
      await this.stream.publishRunEvents([cancelledEvent(run)]);
    } catch (err) {
      const reason = err instanceof ApiError ? err.message : 'Kafka did not take it';
      throw new ApiError('unavailable', `run '${runId}' is cancelled, but the runners could not be told (${reason}); cancel it again`);
    }
    return runView(run);
  }

  async list(tenantId: string, filter: RunFilter): Promise<{ items: RunView[]; nextCursor: string | null }> {
    const q = this.dataSource.getRepository(RunEntity).createQueryBuilder('r').where('r.tenant_id = :tenantId', { tenantId });
    if (filter.pipeline) q.andWhere('r.pipeline = :pipeline', { pipeline: filter.pipeline });
    if (filter.status?.length) q.andWhere('r.status IN (:...status)', { status: filter.status });
    if (filter.trigger) q.andWhere('r.trigger = :trigger', { trigger: filter.trigger });
    if (filter.since) q.andWhere('r.requested_at >= :since', { since: filter.since });
    if (filter.until) q.andWhere('r.requested_at < :until', { until: filter.until });
    if (filter.cursor) {
      const { at, id } = decodeCursor(filter.cursor);
      q.andWhere('(r.requested_at, r.id) < (:at, :id)', { at, id });
    }
    const rows = await q.orderBy('r.requested_at', 'DESC').addOrderBy('r.id', 'DESC').limit(filter.limit + 1).getMany();
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return { items: page.map(runView), nextCursor: rows.length > filter.limit ? encodeCursor(last.requestedAt, last.id) : null };
  }

  async get(tenantId: string, runId: string): Promise<RunDetail> {
    const run = await this.find(tenantId, runId);
    const [counts, events, errorSamples] = await Promise.all([
      this.dataSource.getRepository(RunStageCountEntity).findBy({ runId }),
      this.dataSource.getRepository(RunEventEntity).find({ where: { runId }, order: { at: 'DESC', receivedAt: 'DESC' }, take: EVENTS_SHOWN }),
      this.dataSource.getRepository(RunErrorSampleEntity).countBy({ runId }),
    ]);
    return { ...runView(run), counts: stageCountViews(counts), events: eventViews(events.reverse()), errorSamples };
  }

  /** The first failed records of the run (up to 100 are kept), oldest first. */
  async errors(tenantId: string, runId: string, limit: number, after?: string): Promise<{ items: ErrorSampleView[]; nextCursor: string | null }> {
    await this.find(tenantId, runId);
    const q = this.dataSource.getRepository(RunErrorSampleEntity).createQueryBuilder('s').where('s.run_id = :runId', { runId });
    if (after) q.andWhere('s.id > :after', { after });
    const rows = await q.orderBy('s.id', 'ASC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    return { items: page.map(errorSampleView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  async quality(tenantId: string, runId: string): Promise<object> {
    const run = await this.find(tenantId, runId);
    if (!run.qualityReport) throw new ApiError('not-found', `run '${runId}' has no data-quality report yet`);
    return run.qualityReport;
  }

  private async find(tenantId: string, runId: string): Promise<RunEntity> {
    const run = await this.dataSource.getRepository(RunEntity).findOneBy({ id: runId, tenantId });
    if (!run) throw new ApiError('not-found', `no run '${runId}' in tenant '${tenantId}'`);
    return run;
  }
}
