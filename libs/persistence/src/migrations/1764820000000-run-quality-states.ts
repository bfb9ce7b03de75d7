import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each validator instance's data-quality figures of a run (RunEvent.quality, cumulative, one row
 * per reporter, replaced by a later report): the control plane merges them into the run's
 * quality report (runs.quality_report) whenever one changes. `figures` is the RunEvent's
 * RunQualityFigures with its sketches in base64.
 */
export class RunQualityStates1764820000000 implements MigrationInterface {
  readonly name = 'RunQualityStates1764820000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE run_quality_states (
        run_id       uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        reporter     text NOT NULL,
        figures      jsonb NOT NULL,
        reported_at  timestamptz NOT NULL,
        PRIMARY KEY (run_id, reporter)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE run_quality_states`);
  }
}
