import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { PipelineEntity, PipelineVersionEntity } from '@tributary/persistence';
import { pipelinePrefix } from '@tributary/pipeline-spec';
import type { PipelineChange, PlatformStream } from './platform-stream';

/**
 * Announces pipeline changes on `_tributary.pipelines` after their transaction committed. The
 * row's `announce_pending` flag is the outbox: set in the change's transaction, cleared once the
 * announcement is out, so one that failed is redone by the scheduler's leader. The announcement
 * is the pipeline's state now (the topic is compacted by pipeline), so redoing it is harmless.
 */
export class PipelineAnnouncer {
  private readonly listeners: ((change: PipelineChange) => void)[] = [];

  constructor(
    private readonly stream: PlatformStream,
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /** True when announced; false (logged) when left for the outbox pass. */
  async announce(pipeline: PipelineEntity): Promise<boolean> {
    const announced = await this.announceAll([pipeline]);
    for (const listener of this.listeners) listener(changeOf(pipeline));
    return announced;
  }

  /** Tells this process's own readers of a change at once (others learn from the topic or their next poll). */
  onChange(listener: (change: PipelineChange) => void): void {
    this.listeners.push(listener);
  }

  async publishPending(olderThanMs: number): Promise<number> {
    if (!this.stream.configured) return 0;
    const rows = await this.dataSource
      .getRepository(PipelineEntity)
      .createQueryBuilder('p')
      .where('p.announce_pending')
      .andWhere(`p.updated_at <= now() - make_interval(secs => :seconds)`, { seconds: olderThanMs / 1000 })
      .orderBy('p.updated_at')
      .limit(500)
      .getMany();
    return (await this.announceAll(rows)) ? rows.length : 0;
  }

  private async announceAll(pipelines: PipelineEntity[]): Promise<boolean> {
    if (pipelines.length === 0) return true;
    try {
      await this.stream.announce(await this.withSpecs(pipelines));
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, pipelines: pipelines.map((p) => `${p.tenantId}/${p.name}`) }, 'pipeline changes not announced yet; the scheduler will retry');
      return false;
    }
    // Only if nothing changed since: a newer change is announced by its own writer.
    for (const p of pipelines) {
      await this.dataSource.query(`UPDATE pipelines SET announce_pending = false WHERE id = $1 AND current_version = $2 AND last_action = $3 AND status = $4`, [
        p.id,
        p.currentVersion,
        p.lastAction,
        p.status,
      ]);
    }
    return true;
  }

  /**
   * Each change with its current spec: the stage services build their steps, rules and sinks
   * from the announcement alone, so they need no database of the control plane's.
   */
  private async withSpecs(pipelines: PipelineEntity[]): Promise<PipelineChange[]> {
    const live = pipelines.filter((p) => p.status !== 'deleted');
    const versions = live.length === 0 ? [] : await this.dataSource.getRepository(PipelineVersionEntity).find({ where: live.map((p) => ({ pipelineId: p.id, version: p.currentVersion })) });
    const specOf = new Map(versions.map((v) => [`${v.pipelineId}/${v.version}`, v.spec]));
    return pipelines.map((p) => {
      const spec = specOf.get(`${p.id}/${p.currentVersion}`);
      return spec === undefined ? changeOf(p) : { ...changeOf(p), spec };
    });
  }
}

export function changeOf(p: PipelineEntity): PipelineChange {
  return {
    tenant: p.tenantId,
    pipeline: p.name,
    version: p.currentVersion,
    action: p.lastAction,
    status: p.status,
    prefix: pipelinePrefix(p.tenantId, p.name),
    at: p.updatedAt.toISOString(),
  };
}
