import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The results store: the latest TaxResult of every order of every pipeline, upserted by the
 * result-writer and read by the results API (pages, downloads, tail).
 *
 * - `order_key` is `COLLATE "C"` (byte order): keyset paging and the key-prefix filter then use
 *   the primary key's btree with plain `>` and `LIKE 'prefix%'`, whatever the database's locale.
 * - `revision` is taken from one sequence on every insert and every update, so "what changed
 *   after revision N" is one index range; see upsert-results.ts for why its order is commit order.
 * - The TaxResult itself is `result` (jsonb); the columns beside it are what filters and sorts use.
 */
export class Results1764500000000 implements MigrationInterface {
  readonly name = 'Results1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE results_revision_seq AS bigint`);
    await db.query(`
      CREATE TABLE results (
        tenant_id         text NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
        pipeline          text NOT NULL,
        order_key         text COLLATE "C" NOT NULL CHECK (order_key <> ''),
        run_id            text,
        calculated_at     timestamptz NOT NULL,
        order_updated_at  timestamptz NOT NULL,
        total_tax         numeric(18, 4) NOT NULL,
        currency          text NOT NULL,
        source_offset     text,
        revision          bigint NOT NULL DEFAULT nextval('results_revision_seq'),
        written_at        timestamptz NOT NULL DEFAULT now(),
        result            jsonb NOT NULL,
        PRIMARY KEY (tenant_id, pipeline, order_key)
      )`);
    await db.query(`ALTER SEQUENCE results_revision_seq OWNED BY results.revision`);
    // Every index leads with (tenant_id, pipeline): no query ever spans pipelines or tenants.
    await db.query(`CREATE UNIQUE INDEX results_revision_idx ON results (tenant_id, pipeline, revision)`);
    await db.query(`CREATE INDEX results_calculated_at_idx ON results (tenant_id, pipeline, calculated_at, order_key)`);
    await db.query(`CREATE INDEX results_run_idx ON results (tenant_id, pipeline, run_id, order_key)`);
    await db.query(`CREATE INDEX results_total_tax_idx ON results (tenant_id, pipeline, total_tax)`);
    await db.query(`CREATE INDEX results_currency_idx ON results (tenant_id, pipeline, currency)`);
    await db.query(`CREATE INDEX results_source_offset_idx ON results (tenant_id, pipeline, source_offset)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS results`);
    await db.query(`DROP SEQUENCE IF EXISTS results_revision_seq`);
  }
}
