import type { DataSource, EntityManager } from 'typeorm';
import { PipelineEntity, ScheduleEntity, type CatchUpPolicy } from '@tributary/persistence';
import type { AuditLog } from '../audit/audit-log';
import type { Actor } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { CronExpression } from './cron-expression';

export interface ScheduleInput {
  readonly cron: string;
  readonly timeZone: string;
  readonly catchUp: { readonly policy: CatchUpPolicy; readonly limit: number };
  readonly enabled: boolean;
}

export interface ScheduleView {
  pipeline: string;
  cron: string;
  timeZone: string;
  catchUp: { policy: CatchUpPolicy; limit: number };
  enabled: boolean;
  origin: 'spec' | 'api';
  nextFireAt: string | null;
  lastFiredAt: string | null;
  updatedBy: string;
  updatedAt: string;
}

/** A schedule as the pipeline document declares it: only the cron; the rest keeps its value or default. */
const SPEC_DEFAULTS = { timeZone: 'UTC', catchUp: 'last' as CatchUpPolicy, catchUpLimit: 10 };

/**
 * Pipelines' cron schedules, one per pipeline: set through the API or by the pipeline document's
 * `source.schedule` (see syncFromSpec). Every change is audited and recomputes the next fire
 * time from now, so a changed schedule never catches up times it did not have.
 */
export class ScheduleBook {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(tenantId: string): Promise<ScheduleView[]> {
    const rows = await this.dataSource
      .getRepository(ScheduleEntity)
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.pipelineRow', PipelineEntity, 'p', 'p.id = s.pipeline_id')
      .where('s.tenant_id = :tenantId', { tenantId })
      .andWhere(`p.status <> 'deleted'`)
      .orderBy('p.name')
      .getMany();
    return rows.map((row) => scheduleView(row, (row as ScheduleEntity & { pipelineRow: PipelineEntity }).pipelineRow.name));
  }

  async get(tenantId: string, pipeline: string): Promise<ScheduleView> {
    const p = await this.pipeline(this.dataSource.manager, tenantId, pipeline);
    const row = await this.dataSource.getRepository(ScheduleEntity).findOneBy({ pipelineId: p.id });
    if (!row) throw new ApiError('not-found', `pipeline '${pipeline}' has no schedule`);
    return scheduleView(row, pipeline);
  }

  put(actor: Actor, tenantId: string, pipeline: string, input: ScheduleInput): Promise<ScheduleView & { created: boolean }> {
    const cron = CronExpression.parse(input.cron);
    return this.dataSource.transaction(async (manager) => {
      const p = await this.pipeline(manager, tenantId, pipeline);
      const schedules = manager.getRepository(ScheduleEntity);
      const existing = await schedules.findOne({ where: { pipelineId: p.id }, lock: { mode: 'pessimistic_write' } });
      const values = {
        cron: input.cron.trim(),
        timeZone: input.timeZone,
        catchUp: input.catchUp.policy,
        catchUpLimit: input.catchUp.limit,
        enabled: input.enabled,
        origin: 'api' as const,
        nextFireAt: input.enabled ? (cron.next(this.clock(), input.timeZone) ?? null) : null,
        updatedBy: actor.label,
      };
      if (existing) await schedules.update({ id: existing.id }, values);
      else await schedules.insert({ ...values, tenantId, pipelineId: p.id });
      const after = scheduleView(await schedules.findOneByOrFail({ pipelineId: p.id }), pipeline);
      await this.audit.record(manager, actor, { tenantId, action: 'schedule.write', target: `pipeline:${pipeline}`, before: existing ? scheduleView(existing, pipeline) : undefined, after });
      return { ...after, created: !existing };
    });
  }

  remove(actor: Actor, tenantId: string, pipeline: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const p = await this.pipeline(manager, tenantId, pipeline);
      const existing = await manager.getRepository(ScheduleEntity).findOneBy({ pipelineId: p.id });
      if (!existing) throw new ApiError('not-found', `pipeline '${pipeline}' has no schedule`);
      await manager.getRepository(ScheduleEntity).delete({ id: existing.id });
      await this.audit.record(manager, actor, { tenantId, action: 'schedule.delete', target: `pipeline:${pipeline}`, before: scheduleView(existing, pipeline) });
    });
  }

  /**
   * Inside an apply's transaction: the document's `source.schedule` owns the cron. A document
   * with one creates or updates the schedule (time zone and catch-up keep their values); one
   * without removes a schedule that came from an earlier document, not one set through the API.
   */
  async syncFromSpec(manager: EntityManager, actor: Actor, pipeline: PipelineEntity, cronText: string | undefined): Promise<void> {
    const schedules = manager.getRepository(ScheduleEntity);
    const existing = await schedules.findOne({ where: { pipelineId: pipeline.id }, lock: { mode: 'pessimistic_write' } });
    const target = `pipeline:${pipeline.name}`;
    const before = existing ? scheduleView(existing, pipeline.name) : undefined;
    if (cronText === undefined) {
      if (existing?.origin !== 'spec') return;
      await schedules.delete({ id: existing.id });
      await this.audit.record(manager, actor, { tenantId: pipeline.tenantId, action: 'schedule.delete', target, before });
      return;
    }
    const cron = CronExpression.parse(cronText);
    const timeZone = existing?.timeZone ?? SPEC_DEFAULTS.timeZone;
    const values = { cron: cronText.trim(), origin: 'spec' as const, enabled: true, nextFireAt: cron.next(this.clock(), timeZone) ?? null, updatedBy: actor.label };
    if (existing && existing.cron === values.cron && existing.origin === 'spec' && existing.enabled) return;
    if (existing) await schedules.update({ id: existing.id }, values);
    else await schedules.insert({ ...values, tenantId: pipeline.tenantId, pipelineId: pipeline.id, timeZone, catchUp: SPEC_DEFAULTS.catchUp, catchUpLimit: SPEC_DEFAULTS.catchUpLimit });
    const after = scheduleView(await schedules.findOneByOrFail({ pipelineId: pipeline.id }), pipeline.name);
    await this.audit.record(manager, actor, { tenantId: pipeline.tenantId, action: 'schedule.write', target, before, after });
  }

  /** A resumed pipeline's schedule starts from now: times that passed while paused are not caught up. */
  async restartFromNow(manager: EntityManager, pipelineId: string): Promise<void> {
    const row = await manager.getRepository(ScheduleEntity).findOneBy({ pipelineId });
    if (!row || !row.enabled) return;
    const next = CronExpression.parse(row.cron).next(this.clock(), row.timeZone) ?? null;
    await manager.getRepository(ScheduleEntity).update({ id: row.id }, { nextFireAt: next });
  }

  /** A deleted pipeline's schedule stops (kept, disabled, for the record). */
  async disable(manager: EntityManager, pipelineId: string): Promise<void> {
    await manager.getRepository(ScheduleEntity).update({ pipelineId }, { enabled: false, nextFireAt: null });
  }

  /** Deleted pipelines have no schedule to read or change. */
  private async pipeline(manager: EntityManager, tenantId: string, name: string): Promise<PipelineEntity> {
    const p = await manager.getRepository(PipelineEntity).findOneBy({ tenantId, name });
    if (!p || p.status === 'deleted') throw new ApiError('not-found', `no pipeline '${name}' in tenant '${tenantId}'`);
    return p;
  }
}

function scheduleView(row: ScheduleEntity, pipeline: string): ScheduleView {
  return {
    pipeline,
    cron: row.cron,
    timeZone: row.timeZone,
    catchUp: { policy: row.catchUp, limit: row.catchUpLimit },
    enabled: row.enabled,
    origin: row.origin,
    nextFireAt: row.nextFireAt?.toISOString() ?? null,
    lastFiredAt: row.lastFiredAt?.toISOString() ?? null,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
