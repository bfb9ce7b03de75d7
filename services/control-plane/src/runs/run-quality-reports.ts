import type { RunQualityFigures } from '@tributary/avro';
import { mergeRunQualityStates, qualityReportOf, runQualityFromWire, runQualitySettingsSchema, type RunStats } from '@tributary/quality';
import type { Sql } from './run-requests';

/** RunQualityFigures as run_quality_states keeps them: JSON, each sketch in base64. */
type StoredFigures = Omit<RunQualityFigures, 'uniqueness'> & { uniqueness: Array<Omit<RunQualityFigures['uniqueness'][number], 'sketch'> & { sketch: string }> };

/**
 * A run's data-quality report, made by the control plane from what every validator instance
 * counted (libs/quality): each instance's figures of the run arrive with its PROGRESS counts and
 * replace its earlier ones; the run's report is made again from the merged figures of every
 * instance, compared with the pipeline's earlier succeeded runs (their reports' stats, most
 * recent last), and stored on the run, where `GET /runs/{id}/quality` and alerts read it. So the
 * report is live while the run goes, and final with the validators' last figures of the run.
 * `figures` were checked by the reader (runQualityFromWire) before they got here.
 */
export async function recordQualityFigures(sql: Sql, runId: string, reporter: string, figures: RunQualityFigures, at: Date): Promise<void> {
  const stored: StoredFigures = { ...figures, uniqueness: figures.uniqueness.map((field) => ({ ...field, sketch: field.sketch.toString('base64') })) };
  const kept = await sql(
    `INSERT INTO run_quality_states (run_id, reporter, figures, reported_at) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (run_id, reporter) DO UPDATE SET figures = EXCLUDED.figures, reported_at = EXCLUDED.reported_at
     WHERE run_quality_states.reported_at <= EXCLUDED.reported_at
     RETURNING run_id`,
    [runId, reporter, JSON.stringify(stored), at],
  );
  if (kept.length === 0) return; // a late, older report of this instance
  const [run] = await sql(
    `SELECT r.tenant_id, r.pipeline, r.requested_at, v.spec->'quality' AS quality FROM runs r
       JOIN pipeline_versions v ON v.pipeline_id = r.pipeline_id AND v.version = r.pipeline_version
      WHERE r.id = $1`,
    [runId],
  );
  if (run === undefined) return;
  const settings = runQualitySettingsSchema.parse(run.quality ?? {});
  const earlier = await sql(
    `SELECT quality_report->'stats' AS stats FROM runs
      WHERE tenant_id = $1 AND pipeline = $2 AND id <> $3 AND status = 'succeeded' AND requested_at < $4 AND quality_report ? 'stats'
      ORDER BY requested_at DESC LIMIT $5`,
    [run.tenant_id, run.pipeline, runId, run.requested_at, settings.anomalies.history],
  );
  const history = earlier.map((row) => row.stats as RunStats).reverse();
  const states = (await sql(`SELECT figures FROM run_quality_states WHERE run_id = $1 ORDER BY reporter`, [runId])).map((row) => {
    const figures = row.figures as StoredFigures;
    return runQualityFromWire({ ...figures, uniqueness: figures.uniqueness.map((field) => ({ ...field, sketch: Buffer.from(field.sketch, 'base64') })) });
  });
  const report = qualityReportOf(settings, mergeRunQualityStates(states), history);
  await sql(`UPDATE runs SET quality_report = $2::jsonb WHERE id = $1`, [runId, JSON.stringify(report)]);
}
