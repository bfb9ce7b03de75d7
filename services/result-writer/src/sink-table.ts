/**
 * The SQL of a postgres sink's table (`table: tax_results` or `reporting.tax_results`). The name
 * was checked at apply (libs/pipeline-spec's sinks: lowercase letters, digits and _); it is still
 * checked here and every identifier is quoted, so no text a user wrote is ever SQL. Values are
 * always bound parameters.
 *
 * One row per (tenant, pipeline, order key): the TaxResult as jsonb, its total tax and currency
 * as typed columns to sum and filter by, and the order's updatedAt, which orders versions so a
 * late redelivery never rolls a newer result back (as the platform's results table does).
 */
export class SinkTable {
  /** `"schema"."table"`, quoted. */
  readonly sql: string;

  private constructor(
    /** As the pipeline wrote it, for logs and errors. */
    readonly name: string,
    readonly schema: string,
    readonly table: string,
  ) {
    this.sql = `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
  }

  static parse(name: string): SinkTable {
    const match = /^(?:([a-z_][a-z0-9_]{0,62})\.)?([a-z_][a-z0-9_]{0,62})$/.exec(name);
    if (!match) throw new TypeError(`'${name}' is not a table name a postgres sink accepts (lowercase letters, digits and _, optionally schema.table)`);
    return new SinkTable(name, match[1] ?? 'public', match[2]);
  }

  /** Creates the table if missing. */
  createStatement(): string {
    return `CREATE TABLE IF NOT EXISTS ${this.sql} (
        tenant text NOT NULL,
        pipeline text NOT NULL,
        order_key text NOT NULL,
        result jsonb NOT NULL,
        total_tax numeric(18,4) NOT NULL,
        currency text NOT NULL,
        calculated_at timestamptz NOT NULL,
        order_updated_at timestamptz NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, pipeline, order_key)
      )`;
  }

  /** Whether the schema exists, params [schema]: it is created only when missing (CREATE SCHEMA needs a privilege a writer may lack). */
  static readonly SCHEMA_EXISTS = 'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present';

  createSchemaStatement(): string {
    return `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(this.schema)}`;
  }

  /** The table's columns and types, params [schema, table], to check a table found in place is a sink table. */
  static readonly COLUMNS = 'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2';

  /** Params: tenant, pipeline, then one array per column (order_key, result, total_tax, currency, calculated_at, order_updated_at). */
  upsertStatement(): string {
    return `INSERT INTO ${this.sql} AS r (tenant, pipeline, order_key, result, total_tax, currency, calculated_at, order_updated_at, written_at)
      SELECT $1, $2, t.order_key, t.result, t.total_tax, t.currency, t.calculated_at, t.order_updated_at, now()
      FROM unnest($3::text[], $4::jsonb[], $5::numeric[], $6::text[], $7::timestamptz[], $8::timestamptz[])
        AS t(order_key, result, total_tax, currency, calculated_at, order_updated_at)
      ON CONFLICT (tenant, pipeline, order_key) DO UPDATE SET
        result = EXCLUDED.result, total_tax = EXCLUDED.total_tax, currency = EXCLUDED.currency,
        calculated_at = EXCLUDED.calculated_at, order_updated_at = EXCLUDED.order_updated_at, written_at = now()
      WHERE r.order_updated_at <= EXCLUDED.order_updated_at`;
  }

  /** Params: tenant, pipeline, the order keys. */
  deleteStatement(): string {
    return `DELETE FROM ${this.sql} WHERE tenant = $1 AND pipeline = $2 AND order_key = ANY($3::text[])`;
  }
}

/** The columns a table must have (and their information_schema types) for the statements above to be right. */
export const SINK_TABLE_COLUMNS: Readonly<Record<string, string>> = {
  tenant: 'text',
  pipeline: 'text',
  order_key: 'text',
  result: 'jsonb',
  total_tax: 'numeric',
  currency: 'text',
  calculated_at: 'timestamp with time zone',
  order_updated_at: 'timestamp with time zone',
  written_at: 'timestamp with time zone',
};

/** A PostgreSQL identifier in double quotes, inner quotes doubled (the names reaching here have none). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
