import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run succeeds once every stage has handled its records, not when its source is read: the
 * source's end is kept apart (source_finished_at) and `drain` holds how far the stages have
 * caught up since (services/control-plane/src/runs/run-drain.ts), so a restarted control plane
 * carries on where it was.
 */
export class RunDrain1764800000000 implements MigrationInterface {
  readonly name = 'RunDrain1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE runs ADD COLUMN source_finished_at timestamptz, ADD COLUMN drain jsonb`);
    await db.query(`CREATE INDEX runs_draining ON runs (source_finished_at) WHERE status = 'running' AND source_finished_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX runs_draining`);
    await db.query(`ALTER TABLE runs DROP COLUMN drain, DROP COLUMN source_finished_at`);
  }
}
