import { createHash } from 'node:crypto';
import type { RunEvent } from '@tributary/avro';
import type { RunTrigger } from '@tributary/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { PlatformStream } from '../pipelines/platform-stream';

/** A query on some connection: a TypeORM transaction's manager, or the scheduler's own client. */
export type Sql = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export const sqlOfManager = (manager: EntityManager): Sql => (text, params) => manager.query(text, params);

export interface NewRun {
  readonly tenantId: string;
  readonly pipelineId: string;
  readonly pipeline: string;
  readonly pipelineVersion: number;
  readonly trigger: RunTrigger;
  readonly mode: 'full' | 'incremental';
  readonly requestedBy: string | null;
  readonly scheduleId?: string;
  readonly scheduledFor?: Date;
  readonly requestedAt: Date;
}

/** What a run request on `_tributary.runs` is made from. */
export interface RunRequest {
  readonly id: string;
  readonly tenantId: string;
  readonly pipeline: string;
  readonly trigger: RunTrigger;
  readonly mode: 'full' | 'incremental';
  readonly requestedBy: string | null;
  readonly requestedAt: Date;
}

/**
 * Inserts a requested run. A scheduled run whose (schedule, fire time) already has one is not
 * inserted (runs_schedule_fire_unique): undefined then, and nothing is to be published.
 */
export async function insertRun(sql: Sql, run: NewRun): Promise<RunRequest | undefined> {
  const rows = await sql(
    `INSERT INTO runs (tenant_id, pipeline_id, pipeline, pipeline_version, status, trigger, mode, requested_by, schedule_id, scheduled_for, requested_at)
     VALUES ($1, $2, $3, $4, 'requested', $5, $6, $7, $8, $9, $10)
     ON CONFLICT ON CONSTRAINT runs_schedule_fire_unique DO NOTHING
     RETURNING id, tenant_id, pipeline, trigger, mode, requested_by, requested_at`,
    [run.tenantId, run.pipelineId, run.pipeline, run.pipelineVersion, run.trigger, run.mode, run.requestedBy, run.scheduleId ?? null, run.scheduledFor ?? null, run.requestedAt],
  );
  return rows.length === 0 ? undefined : requestOf(rows[0]);
}

/**
 * The REQUESTED event of a run. Its event id is derived from the run id, so publishing it again
 * (the outbox could not mark it sent) is the same event to every consumer that dedupes by id.
 */
export function requestedEvent(run: RunRequest): RunEvent {
  return {
    eventId: derivedUuid(`requested:${run.id}`),
    runId: run.id,
    tenant: run.tenantId,
    pipeline: run.pipeline,
    type: 'REQUESTED',
    at: run.requestedAt,
    trigger: run.trigger.toUpperCase() as RunEvent['trigger'],
    requestedBy: run.requestedBy,
    mode: run.mode === 'full' ? 'FULL' : 'INCREMENTAL',
    counts: [],
    error: null,
    reporter: null,
  };
}

/** A uuid (version 4 layout) from a name: the same name, the same uuid. */
export function derivedUuid(name: string): string {
  const b = createHash('sha256').update(name).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The outbox of run requests: a run row is committed first, then its REQUESTED event published
 * and the row marked. A publish that failed (Kafka down, a crash in between) leaves the row
 * unmarked, and the scheduler's leader publishes it later (publishPending).
 */
export class RunRequestOutbox {
  constructor(
    private readonly stream: PlatformStream,
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /** True when every request is on `_tributary.runs`; false (logged) when it is left for later. */
  async publish(requests: readonly RunRequest[]): Promise<boolean> {
    if (requests.length === 0) return true;
    try {
      await this.stream.publishRunEvents(requests.map(requestedEvent));
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, runs: requests.map((r) => r.id) }, 'run requests not published yet; the scheduler will retry');
      return false;
    }
    await this.dataSource.query(`UPDATE runs SET request_published_at = now() WHERE id = ANY($1::uuid[]) AND request_published_at IS NULL`, [requests.map((r) => r.id)]);
    return true;
  }

  /** Publishes requested runs left unpublished for at least `olderThanMs`; returns how many went out. */
  async publishPending(olderThanMs: number, now: Date): Promise<number> {
    const rows = await this.dataSource.query(
      `SELECT id, tenant_id, pipeline, trigger, mode, requested_by, requested_at FROM runs
        WHERE request_published_at IS NULL AND status = 'requested' AND requested_at <= $1
        ORDER BY requested_at LIMIT 500`,
      [new Date(now.getTime() - olderThanMs)],
    );
    const requests = (rows as Record<string, unknown>[]).map(requestOf);
    return (await this.publish(requests)) ? requests.length : 0;
  }
}

function requestOf(row: Record<string, unknown>): RunRequest {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    pipeline: row.pipeline as string,
    trigger: row.trigger as RunTrigger,
    mode: row.mode as 'full' | 'incremental',
    requestedBy: (row.requested_by as string | null) ?? null,
    requestedAt: new Date(row.requested_at as string | Date),
  };
}
