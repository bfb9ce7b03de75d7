import type { RunEvent } from '@tributary/avro';
import type { DataSource } from 'typeorm';
import { recordQualityFigures } from './run-quality-reports';
import { sqlOfManager, type Sql } from './run-requests';

export type Applied = 'applied' | 'duplicate' | 'unknown-run';

/** The status each event moves a run to, and the statuses it may move it from. */
const TRANSITIONS: Partial<Record<RunEvent['type'], { to: string; from: string[] }>> = {
  STARTED: { to: 'running', from: ['requested'] },
  PROGRESS: { to: 'running', from: ['requested'] },
  // The source is read; the run succeeds once every stage has caught up (run-drain-watch.ts).
  FINISHED: { to: 'running', from: ['requested', 'running'] },
  FAILED: { to: 'failed', from: ['requested', 'running'] },
};

/**
 * Applies run events to run rows, idempotently and in any order: an event whose id was applied
 * before changes nothing; statuses only move forward (requested -> running -> succeeded | failed,
 * and a cancelled run stays cancelled); FINISHED marks the source read (the run succeeds when
 * its stages have caught up, see run-drain-watch.ts); each stage's counts (and a validator's
 * data-quality figures, run-quality-reports.ts) are replaced only by a report at
 * least as recent as the one stored (per reporter: each instance of a stage reports its own). A run the database does not know (started by a runner
 * directly) is recorded when its pipeline is known; otherwise the event is 'unknown-run'.
 */
export class RunEventApplier {
  constructor(private readonly dataSource: DataSource) {}

  apply(event: RunEvent): Promise<Applied> {
    return this.dataSource.transaction(async (manager) => {
      const sql = sqlOfManager(manager);
      if (!(await this.ensureRun(sql, event))) return 'unknown-run';
      const recorded = await sql(
        `INSERT INTO run_events (event_id, run_id, type, at, error) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [event.eventId, event.runId, event.type, event.at, event.error],
      );
      if (recorded.length === 0) return 'duplicate';
      if (event.type === 'REQUESTED') {
        // Our own request, seen on the topic: it is published even if marking it failed.
        await sql(`UPDATE runs SET request_published_at = COALESCE(request_published_at, now()) WHERE id = $1`, [event.runId]);
      }
      const transition = TRANSITIONS[event.type];
      if (transition) {
        const terminal = event.type === 'FAILED';
        await sql(
          `UPDATE runs SET status = $2, updated_at = now(),
                  started_at = COALESCE(started_at, $3),
                  finished_at = CASE WHEN $4 THEN $3 ELSE finished_at END,
                  source_finished_at = CASE WHEN $7 THEN COALESCE(source_finished_at, $3) ELSE source_finished_at END,
                  error = CASE WHEN $4 THEN $5 ELSE error END
            WHERE id = $1 AND status = ANY($6::text[])`,
          [event.runId, transition.to, event.at, terminal, event.error, transition.from, event.type === 'FINISHED'],
        );
      }
      for (const count of event.counts) {
        await sql(
          `INSERT INTO run_stage_counts (run_id, stage, reporter, records_in, records_out, errors, filtered, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (run_id, stage, reporter) DO UPDATE SET records_in = EXCLUDED.records_in, records_out = EXCLUDED.records_out,
             errors = EXCLUDED.errors, filtered = EXCLUDED.filtered, reported_at = EXCLUDED.reported_at
           WHERE run_stage_counts.reported_at <= EXCLUDED.reported_at`,
          [event.runId, count.stage, event.reporter ?? '', count.recordsIn, count.recordsOut, count.errors, count.filtered, event.at],
        );
      }
      if (event.quality && event.reporter !== null) await recordQualityFigures(sql, event.runId, event.reporter, event.quality, event.at);
      return 'applied';
    });
  }

  /** True when the run exists in its tenant (creating it from the event if its pipeline is known). */
  private async ensureRun(sql: Sql, event: RunEvent): Promise<boolean> {
    const existing = await sql(`SELECT tenant_id, pipeline FROM runs WHERE id = $1`, [event.runId]);
    if (existing.length > 0) return existing[0].tenant_id === event.tenant && existing[0].pipeline === event.pipeline;
    // A stage's counts of a run no one started here (records replayed after their run was
    // purged, an upstream producer's run header) must not make a run that never finishes.
    if (event.reporter !== null) return false;
    const pipelines = await sql(`SELECT id, current_version FROM pipelines WHERE tenant_id = $1 AND name = $2`, [event.tenant, event.pipeline]);
    if (pipelines.length === 0) return false;
    const trigger = event.trigger && event.trigger !== 'OTHER' ? event.trigger.toLowerCase() : 'other';
    await sql(
      `INSERT INTO runs (id, tenant_id, pipeline_id, pipeline, pipeline_version, status, trigger, mode, requested_by, requested_at, request_published_at)
       VALUES ($1, $2, $3, $4, $5, 'requested', $6, $7, $8, $9, now()) ON CONFLICT (id) DO NOTHING`,
      [event.runId, event.tenant, pipelines[0].id, event.pipeline, pipelines[0].current_version, trigger, event.mode === 'INCREMENTAL' ? 'incremental' : 'full', event.requestedBy, event.at],
    );
    return true;
  }
}
