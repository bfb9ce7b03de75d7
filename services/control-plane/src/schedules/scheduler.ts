import type { Client } from 'pg';
import type { CatchUpPolicy } from '@tributary/persistence';
import { insertRun, type RunRequest, type RunRequestOutbox, type Sql } from '../runs/run-requests';
import { AdvisoryLockLeadership, type LeadershipLogger } from './advisory-lock-leadership';
import { CronExpression } from './cron-expression';
import { planFires } from './fire-times';

/** Any fixed number shared by every instance; the migration lock is 5_470_001. */
export const SCHEDULER_LOCK = 5_470_002;

/** Unpublished run requests and pipeline announcements older than this are redone by the leader. */
const OUTBOX_GRACE_MS = 5000;

export interface SchedulerOptions {
  readonly databaseUrl: string;
  readonly outbox: RunRequestOutbox;
  /** Republishes pipeline changes whose announcement failed (see PipelineAnnouncer). */
  readonly announcements?: { publishPending(olderThanMs: number): Promise<number> };
  readonly logger: LeadershipLogger & { error(fields: object, message: string): void };
  readonly tickMs: number;
  /** Names this instance in logs and in pg_stat_activity. */
  readonly name: string;
  readonly clock?: () => Date;
  readonly lockKey?: number;
}

interface DueSchedule {
  id: string;
  tenant_id: string;
  pipeline_id: string;
  pipeline: string;
  status: string;
  version: number;
  mode: 'full' | 'incremental' | null;
  cron: string;
  time_zone: string;
  catch_up: CatchUpPolicy;
  catch_up_limit: number;
  next_fire_at: Date;
}

/**
 * Fires due schedules. Every instance ticks; only the advisory-lock leader fires, on its lock
 * connection, in one transaction per tick: for each due schedule, the runs its catch-up policy
 * asks for are inserted (runs_schedule_fire_unique refuses a second run for one fire time,
 * whatever happens to leadership) and next_fire_at moves on. After the commit the runs' requests
 * go to `_tributary.runs`; any that could not are picked up by a later tick's outbox pass.
 * A paused pipeline's due times are skipped, not saved up.
 */
export class Scheduler {
  readonly leadership: AdvisoryLockLeadership;
  private readonly clock: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.leadership = new AdvisoryLockLeadership(options.databaseUrl, options.lockKey ?? SCHEDULER_LOCK, options.logger, options.name);
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .then(() => undefined)
        .catch((err: Error) => this.options.logger.warn({ scheduler: this.options.name, err: err.message }, 'scheduler tick failed; trying again'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.tickMs);
        });
    };
    loop();
  }

  /** Waits for the tick in progress, then gives up leadership. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.leadership.release();
  }

  /** One round: try to lead; as leader, fire what is due and redo failed publishes. Returns the runs fired. */
  async tick(): Promise<RunRequest[]> {
    // Stopped: the lock was handed over and must not be taken back by a late tick.
    if (this.stopped || !(await this.leadership.tryLead())) return [];
    const connection = this.leadership.connection!;
    let fired: RunRequest[];
    try {
      fired = await this.fireDue(connection, this.clock());
    } catch (err) {
      await connection.query('ROLLBACK').catch(() => undefined);
      this.leadership.lost(err as Error);
      throw err;
    }
    await this.options.outbox.publish(fired);
    await this.options.outbox.publishPending(OUTBOX_GRACE_MS, this.clock());
    await this.options.announcements?.publishPending(OUTBOX_GRACE_MS);
    return fired;
  }

  private async fireDue(connection: Client, now: Date): Promise<RunRequest[]> {
    const sql: Sql = async (text, params) => (await connection.query(text, params)).rows;
    const fired: RunRequest[] = [];
    await connection.query('BEGIN');
    const due = (await sql(
      `SELECT s.id, s.tenant_id, s.pipeline_id, p.name AS pipeline, p.status, p.current_version AS version,
              v.spec->'source'->>'mode' AS mode, s.cron, s.time_zone, s.catch_up, s.catch_up_limit, s.next_fire_at
         FROM schedules s
         JOIN pipelines p ON p.id = s.pipeline_id
         JOIN pipeline_versions v ON v.pipeline_id = p.id AND v.version = p.current_version
        WHERE s.enabled AND s.next_fire_at <= $1
        ORDER BY s.next_fire_at
        LIMIT 100
        FOR UPDATE OF s SKIP LOCKED`,
      [now],
    )) as unknown as DueSchedule[];
    for (const schedule of due) {
      let cron: CronExpression;
      try {
        cron = CronExpression.parse(schedule.cron);
      } catch (err) {
        // Checked when written; a row edited by hand is stopped rather than retried every tick.
        this.options.logger.error({ schedule: schedule.id, err: (err as Error).message }, 'a schedule has a bad cron expression; disabling it');
        await sql(`UPDATE schedules SET enabled = false, next_fire_at = NULL WHERE id = $1`, [schedule.id]);
        continue;
      }
      const plan = planFires(cron, schedule.time_zone, new Date(schedule.next_fire_at), now, { policy: schedule.catch_up, limit: schedule.catch_up_limit });
      const fire = schedule.status === 'active' ? plan.fire : [];
      for (const scheduledFor of fire) {
        const run = await insertRun(sql, {
          tenantId: schedule.tenant_id,
          pipelineId: schedule.pipeline_id,
          pipeline: schedule.pipeline,
          pipelineVersion: schedule.version,
          trigger: 'schedule',
          mode: schedule.mode ?? 'full',
          requestedBy: null,
          scheduleId: schedule.id,
          scheduledFor,
          requestedAt: now,
        });
        if (run) fired.push(run);
      }
      const lastFired = fire.length > 0 ? fire[fire.length - 1] : null;
      await sql(`UPDATE schedules SET next_fire_at = $2, last_fired_at = COALESCE($3, last_fired_at) WHERE id = $1`, [schedule.id, plan.next ?? null, lastFired]);
      const skipped = plan.skipped + (plan.fire.length - fire.length);
      if (skipped > 0) this.options.logger.info({ tenant: schedule.tenant_id, pipeline: schedule.pipeline, skipped, status: schedule.status }, 'skipped missed or paused fire times');
    }
    await connection.query('COMMIT');
    return fired;
  }
}
