import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pipelines and their versions, schedules, and runs (with their per-stage counts, the events
 * that moved them, and samples of their failed records).
 *
 * - A pipeline row is never removed: delete is soft (`deleted_at`), so runs, versions and the
 *   audit trail keep what they point at, and applying the name again revives it.
 * - `runs_schedule_fire_unique` is the scheduler's second guard (the first is its advisory-lock
 *   leader): one run per schedule and fire time, whatever two instances believe.
 * - `announce_pending` and `request_published_at` are outboxes: the database commit and the
 *   Kafka publish cannot be one transaction, so a publish that failed is found and redone.
 */
export class PipelinesSchedulesRuns1764600000000 implements MigrationInterface {
  readonly name = 'PipelinesSchedulesRuns1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE pipelines (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id         text NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
        name              text NOT NULL CHECK (name ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(name) <= 63),
        status            text NOT NULL CHECK (status IN ('active', 'paused', 'deleted')),
        current_version   integer NOT NULL CHECK (current_version >= 1),
        last_action       text NOT NULL CHECK (last_action IN ('applied', 'paused', 'resumed', 'deleted')),
        announce_pending  boolean NOT NULL DEFAULT true,
        created_by        text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        deleted_at        timestamptz,
        CONSTRAINT pipelines_tenant_name_unique UNIQUE (tenant_id, name),
        CHECK ((status = 'deleted') = (deleted_at IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX pipelines_announce_idx ON pipelines (updated_at) WHERE announce_pending`);
    await db.query(`
      CREATE TABLE pipeline_versions (
        pipeline_id  uuid NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
        version      integer NOT NULL CHECK (version >= 1),
        spec         jsonb NOT NULL,
        spec_hash    text NOT NULL,
        document     text NOT NULL,
        format       text NOT NULL CHECK (format IN ('yaml', 'json')),
        plan         jsonb NOT NULL,
        applied_by   text NOT NULL,
        applied_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (pipeline_id, version)
      )`);
    await db.query(`
      CREATE TABLE schedules (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id       text NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
        pipeline_id     uuid NOT NULL UNIQUE REFERENCES pipelines(id) ON DELETE CASCADE,
        cron            text NOT NULL,
        time_zone       text NOT NULL DEFAULT 'UTC',
        catch_up        text NOT NULL DEFAULT 'last' CHECK (catch_up IN ('none', 'last', 'all')),
        catch_up_limit  integer NOT NULL DEFAULT 10 CHECK (catch_up_limit BETWEEN 1 AND 1000),
        origin          text NOT NULL CHECK (origin IN ('spec', 'api')),
        enabled         boolean NOT NULL DEFAULT true,
        next_fire_at    timestamptz,
        last_fired_at   timestamptz,
        updated_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX schedules_due_idx ON schedules (next_fire_at) WHERE enabled`);
    await db.query(`
      CREATE TABLE runs (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id             text NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
        pipeline_id           uuid NOT NULL REFERENCES pipelines(id) ON DELETE RESTRICT,
        pipeline              text NOT NULL,
        pipeline_version      integer NOT NULL,
        status                text NOT NULL CHECK (status IN ('requested', 'running', 'succeeded', 'failed', 'cancelled')),
        trigger               text NOT NULL CHECK (trigger IN ('schedule', 'api', 'cli', 'console', 'replay', 'other')),
        mode                  text NOT NULL CHECK (mode IN ('full', 'incremental')),
        requested_by          text,
        schedule_id           uuid REFERENCES schedules(id) ON DELETE SET NULL,
        scheduled_for         timestamptz,
        requested_at          timestamptz NOT NULL DEFAULT now(),
        request_published_at  timestamptz,
        started_at            timestamptz,
        finished_at           timestamptz,
        error                 text,
        cancelled_by          text,
        quality_report        jsonb,
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT runs_schedule_fire_unique UNIQUE (schedule_id, scheduled_for)
      )`);
    await db.query(`CREATE INDEX runs_tenant_requested_idx ON runs (tenant_id, requested_at DESC, id DESC)`);
    await db.query(`CREATE INDEX runs_pipeline_requested_idx ON runs (pipeline_id, requested_at DESC, id DESC)`);
    await db.query(`CREATE INDEX runs_unpublished_idx ON runs (requested_at) WHERE request_published_at IS NULL`);
    await db.query(`
      CREATE TABLE run_stage_counts (
        run_id       uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        stage        text NOT NULL,
        records_in   bigint NOT NULL CHECK (records_in >= 0),
        records_out  bigint NOT NULL CHECK (records_out >= 0),
        errors       bigint NOT NULL CHECK (errors >= 0),
        reported_at  timestamptz NOT NULL,
        PRIMARY KEY (run_id, stage)
      )`);
    await db.query(`
      CREATE TABLE run_events (
        event_id     uuid PRIMARY KEY,
        run_id       uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        type         text NOT NULL,
        at           timestamptz NOT NULL,
        error        text,
        received_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX run_events_run_idx ON run_events (run_id, at)`);
    await db.query(`
      CREATE TABLE run_error_samples (
        id                bigserial PRIMARY KEY,
        run_id            uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        stage             text NOT NULL,
        reasons           jsonb NOT NULL,
        attempt           integer NOT NULL,
        failed_at         timestamptz NOT NULL,
        record_key        text,
        record            jsonb,
        source_topic      text,
        source_partition  integer,
        source_offset     text,
        topic             text NOT NULL,
        partition         integer NOT NULL,
        "offset"          text NOT NULL,
        CONSTRAINT run_error_samples_position_unique UNIQUE (topic, partition, "offset")
      )`);
    await db.query(`CREATE INDEX run_error_samples_run_idx ON run_error_samples (run_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['run_error_samples', 'run_events', 'run_stage_counts', 'runs', 'schedules', 'pipeline_versions', 'pipelines']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
