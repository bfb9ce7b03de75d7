import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A stage's counts of a run come from each of its instances (RunEvent.reporter): one row per
 * reporter, summed when read, so two validator instances do not overwrite each other's counts.
 * The connector runner and the control plane report as '' (one reporter per run).
 */
export class RunStageReporters1764810000000 implements MigrationInterface {
  readonly name = 'RunStageReporters1764810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE run_stage_counts ADD COLUMN reporter text NOT NULL DEFAULT ''`);
    await db.query(`ALTER TABLE run_stage_counts DROP CONSTRAINT run_stage_counts_pkey, ADD PRIMARY KEY (run_id, stage, reporter)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM run_stage_counts WHERE reporter <> ''`);
    await db.query(`ALTER TABLE run_stage_counts DROP CONSTRAINT run_stage_counts_pkey, ADD PRIMARY KEY (run_id, stage)`);
    await db.query(`ALTER TABLE run_stage_counts DROP COLUMN reporter`);
  }
}
