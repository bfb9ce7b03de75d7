import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { PipelineEntity, PipelineVersionEntity, type PipelineAction, type PipelineStatus } from '@tributary/persistence';
import type { TopicChanges } from '@tributary/stream';
import type { AuditLog } from '../audit/audit-log';
import type { Actor } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/database-errors';
import type { ScheduleBook } from '../schedules/schedule-book';
import { deployPlan, type RegisteredSubject } from './pipeline-deployment';
import { normalisedYaml, planDocument, type ApplyBody, type PlannedDocument } from './pipeline-document';
import { unifiedDiff } from './line-diff';
import { specDiff, type SpecChange } from './spec-diff';
import type { PipelineAnnouncer } from './pipeline-announcer';
import { auditImage, pipelineView, versionDetail, versionSummary, type PipelineDetail, type PipelineView, type VersionDetail, type VersionSummary } from './pipeline-views';
import type { PlatformStream } from './platform-stream';

export interface VersionDiff {
  pipeline: string;
  from: number;
  to: number;
  changes: SpecChange[];
  /** A unified diff (`diff -u`) of the two specs as normalised YAML; empty when equal. */
  text: string;
}

export interface ApplyOutcome {
  pipeline: PipelineView;
  /** The pipeline did not exist before (or had been deleted). */
  created: boolean;
  /** A new version was recorded (false: the spec equals the current version's). */
  changed: boolean;
  topics: TopicChanges;
  schemas: RegisteredSubject[];
}

/**
 * A tenant's pipelines: apply (validate, deploy topics and schemas, record a version when the
 * spec changed, announce), read, pause, resume and delete (soft). Every change is audited in
 * its own transaction and announced on `_tributary.pipelines` after it.
 */
export class PipelineCatalog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly stream: PlatformStream,
    private readonly announcer: PipelineAnnouncer,
    private readonly schedules: ScheduleBook,
    private readonly logger: Logger,
  ) {}

  async apply(actor: Actor, tenantId: string, body: ApplyBody, routeName?: string): Promise<ApplyOutcome> {
    const doc = planDocument(body, { tenant: tenantId, name: routeName });
    const deployed = await deployPlan(this.stream, doc.plan, this.logger);
    const { row, created, changed, announce } = await this.dataSource.transaction((manager) => this.record(manager, actor, doc));
    if (announce) await this.announcer.announce(row);
    return { pipeline: pipelineView(row), created, changed, ...deployed };
  }

  async list(tenantId: string, status?: PipelineStatus | 'all'): Promise<PipelineView[]> {
    const q = this.dataSource.getRepository(PipelineEntity).createQueryBuilder('p').where('p.tenant_id = :tenantId', { tenantId });
    if (status === undefined) q.andWhere(`p.status <> 'deleted'`);
    else if (status !== 'all') q.andWhere('p.status = :status', { status });
    return (await q.orderBy('p.name').getMany()).map(pipelineView);
  }

  async get(tenantId: string, name: string): Promise<PipelineDetail> {
    const p = await this.find(this.dataSource.manager, tenantId, name);
    return { ...pipelineView(p), current: await this.version(tenantId, name, p.currentVersion) };
  }

  async versions(tenantId: string, name: string): Promise<VersionSummary[]> {
    const p = await this.find(this.dataSource.manager, tenantId, name);
    const rows = await this.dataSource.getRepository(PipelineVersionEntity).find({ where: { pipelineId: p.id }, order: { version: 'DESC' } });
    return rows.map(versionSummary);
  }

  async version(tenantId: string, name: string, version: number): Promise<VersionDetail> {
    const p = await this.find(this.dataSource.manager, tenantId, name);
    const row = await this.dataSource.getRepository(PipelineVersionEntity).findOneBy({ pipelineId: p.id, version });
    if (!row) throw new ApiError('not-found', `pipeline '${name}' has no version ${version} (its latest is ${p.currentVersion})`);
    return versionDetail(row);
  }

  /** What changed from one version to another: each change at its path, and a line diff of the normalised YAML. */
  async diff(tenantId: string, name: string, from?: number, to?: number): Promise<VersionDiff> {
    const newer = await this.version(tenantId, name, to ?? (await this.find(this.dataSource.manager, tenantId, name)).currentVersion);
    const older = await this.version(tenantId, name, from ?? Math.max(1, newer.version - 1));
    const label = (v: VersionDetail) => `${name} version ${v.version}`;
    return {
      pipeline: name,
      from: older.version,
      to: newer.version,
      changes: specDiff(older.spec, newer.spec),
      text: unifiedDiff(normalisedYaml(older.spec), normalisedYaml(newer.spec), { from: label(older), to: label(newer) }),
    };
  }

  pause(actor: Actor, tenantId: string, name: string): Promise<PipelineView> {
    return this.transition(actor, tenantId, name, 'paused', (p) => (p.status === 'paused' ? 'unchanged' : 'active'));
  }

  resume(actor: Actor, tenantId: string, name: string): Promise<PipelineView> {
    return this.transition(actor, tenantId, name, 'resumed', (p) => (p.status === 'active' ? 'unchanged' : 'paused'));
  }

  async remove(actor: Actor, tenantId: string, name: string): Promise<void> {
    await this.transition(actor, tenantId, name, 'deleted', () => 'any');
  }

  /** The pipeline (deleted ones too: their versions and runs stay readable). */
  async find(manager: EntityManager, tenantId: string, name: string, lock = false): Promise<PipelineEntity> {
    const p = await manager.getRepository(PipelineEntity).findOne({ where: { tenantId, name }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }) });
    if (!p) throw new ApiError('not-found', `no pipeline '${name}' in tenant '${tenantId}'`);
    return p;
  }

  private async record(manager: EntityManager, actor: Actor, doc: PlannedDocument): Promise<{ row: PipelineEntity; created: boolean; changed: boolean; announce: boolean }> {
    const { tenant: tenantId, name } = doc.spec.metadata;
    const pipelines = manager.getRepository(PipelineEntity);
    let row = await pipelines.findOne({ where: { tenantId, name }, lock: { mode: 'pessimistic_write' } });
    const before = row ? auditImage(row) : undefined;
    let created = false;
    let newVersion: number | undefined = 1;
    if (!row) {
      await pipelines
        .insert({ tenantId, name, status: 'active', currentVersion: 1, lastAction: 'applied', announcePending: true, createdBy: actor.label })
        .catch((err: unknown) => {
          if (isUniqueViolation(err)) throw new ApiError('conflict', `pipeline '${name}' was applied concurrently; apply again`);
          throw err;
        });
      row = await pipelines.findOneByOrFail({ tenantId, name });
      created = true;
    } else {
      const current = await manager.getRepository(PipelineVersionEntity).findOneByOrFail({ pipelineId: row.id, version: row.currentVersion });
      const revived = row.status === 'deleted';
      if (current.specHash === doc.specHash && !revived) return { row, created: false, changed: false, announce: false };
      // Applying a deleted pipeline's name revives it, with a new version only if the spec differs.
      newVersion = current.specHash === doc.specHash ? undefined : row.currentVersion + 1;
      created = revived;
      await pipelines.update(
        { id: row.id },
        { currentVersion: newVersion ?? row.currentVersion, status: revived ? 'active' : row.status, deletedAt: null, lastAction: 'applied', announcePending: true },
      );
    }
    if (newVersion !== undefined) {
      await manager
        .getRepository(PipelineVersionEntity)
        .insert({ pipelineId: row.id, version: newVersion, spec: doc.spec, specHash: doc.specHash, document: doc.document, format: doc.format, plan: doc.plan, appliedBy: actor.label });
    }
    row = await pipelines.findOneByOrFail({ id: row.id });
    await this.schedules.syncFromSpec(manager, actor, row, doc.spec.source.schedule);
    await this.audit.record(manager, actor, { tenantId, action: 'pipeline.apply', target: `pipeline:${name}`, before, after: auditImage(row, doc.specHash) });
    return { row, created, changed: newVersion !== undefined, announce: true };
  }

  /**
   * Pause, resume or delete. `from` names the status the change needs ('unchanged': nothing to
   * do, answer the pipeline as it is; 'any': every status but deleted).
   */
  private async transition(actor: Actor, tenantId: string, name: string, action: Exclude<PipelineAction, 'applied'>, from: (p: PipelineEntity) => PipelineStatus | 'unchanged' | 'any'): Promise<PipelineView> {
    const { row, announce } = await this.dataSource.transaction(async (manager) => {
      const p = await this.find(manager, tenantId, name, true);
      if (p.status === 'deleted') throw new ApiError('not-found', `no pipeline '${name}' in tenant '${tenantId}' (it was deleted)`);
      const needed = from(p);
      if (needed === 'unchanged') return { row: p, announce: false };
      if (needed !== 'any' && p.status !== needed) throw new ApiError('conflict', `pipeline '${name}' is ${p.status}; only a ${needed} pipeline can be ${action}`);
      const status: PipelineStatus = action === 'paused' ? 'paused' : action === 'resumed' ? 'active' : 'deleted';
      await manager.getRepository(PipelineEntity).update({ id: p.id }, { status, lastAction: action, announcePending: true, deletedAt: action === 'deleted' ? new Date() : null });
      if (action === 'resumed') await this.schedules.restartFromNow(manager, p.id);
      if (action === 'deleted') await this.schedules.disable(manager, p.id);
      const after = await manager.getRepository(PipelineEntity).findOneByOrFail({ id: p.id });
      const verb = action === 'paused' ? 'pause' : action === 'resumed' ? 'resume' : 'delete';
      await this.audit.record(manager, actor, { tenantId, action: `pipeline.${verb}`, target: `pipeline:${name}`, before: auditImage(p), after: auditImage(after) });
      return { row: after, announce: true };
    });
    if (announce) await this.announcer.announce(row);
    return pipelineView(row);
  }
}
