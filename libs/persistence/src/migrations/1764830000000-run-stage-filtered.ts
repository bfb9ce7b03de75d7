import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records a stage dropped on purpose (a filter step) count apart from those it passed on
 * (RunEvent StageCount.filtered), so a run's counts add up: taken in = passed on + failed +
 * filtered. Rows from before read 0, as do events from reporters that never send it.
 */
export class RunStageFiltered1764830000000 implements MigrationInterface {
  readonly name = 'RunStageFiltered1764830000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE run_stage_counts ADD COLUMN filtered bigint NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE run_stage_counts DROP COLUMN filtered`);
  }
}
