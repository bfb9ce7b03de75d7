import { z } from 'zod';
import { resourceName } from './metadata';

/**
 * The sinks a pipeline can name. The tax API sink calls TAXMAN for each valid record and writes
 * its answers to `<p>.results` (retrying through `<p>.retry`); store sinks write what the
 * pipeline ends with: the results when there is a tax API sink, the valid records otherwise.
 * When the sink connectors declare their own config schemas, this list should be composed from
 * them the way the transform and validate sections are.
 */
export interface SinkDefinition {
  name: string;
  description: string;
  role: 'taxApi' | 'store';
  config: z.ZodType;
}

const secretRef = z.strictObject({ secret: resourceName }).optional().describe('Credentials from the encrypted secret store');

const taxApi: SinkDefinition = {
  name: 'taxApi',
  description: 'Sends each valid order to the TAXMAN tax-calculation API; answers go to <p>.results',
  role: 'taxApi',
  config: z.strictObject({
    timeoutMs: z.number().int().min(1).max(120_000).default(2000).describe('Per-request timeout'),
    concurrency: z.number().int().min(1).max(1024).default(16).describe('Requests in flight per partition consumer'),
    retry: z
      .strictObject({
        max: z.number().int().min(0).max(100).default(5).describe('Attempts after the first before the record goes to <p>.errors'),
        backoffMs: z.number().int().min(1).default(1000).describe('First backoff; doubles each attempt'),
        maxBackoffMs: z.number().int().min(1).default(60_000).describe('Ceiling of the backoff'),
      })
      .default({ max: 5, backoffMs: 1000, maxBackoffMs: 60_000 }),
    circuit: z
      .strictObject({
        errorPercent: z.number().min(1).max(100).default(50).describe('Open the circuit when this share of recent calls fail'),
        resetMs: z.number().int().min(1).default(30_000).describe('How long the circuit stays open before a trial call'),
      })
      .default({ errorPercent: 50, resetMs: 30_000 }),
  }),
};

const mongodb: SinkDefinition = {
  name: 'mongodb',
  description: 'Upserts each record by (tenant, pipeline, key) into a MongoDB collection',
  role: 'store',
  config: z.strictObject({ collection: z.string().min(1), database: z.string().min(1).optional(), connection: secretRef }),
};

/**
 * The platform database's own tables (libs/persistence's entities and TypeORM's migrations
 * table): a postgres sink without a connection writes into that database, so these names are
 * refused there. services/result-writer checks this list against the entities, and checks the
 * shape of any table it finds before writing to it.
 */
export const PLATFORM_TABLES: readonly string[] = [
  'api_keys',
  'audit_log',
  'connections',
  'login_sessions',
  'migrations',
  'pipeline_versions',
  'pipelines',
  'results',
  'run_error_samples',
  'run_events',
  'run_quality_states',
  'run_stage_counts',
  'runs',
  'schedules',
  'secrets',
  'tenants',
  'typeorm_metadata',
  'users',
];

/**
 * Lowercase only: the writer quotes every identifier, and a quoted `TaxResults` would be a table
 * that `SELECT * FROM TaxResults` (folded to lowercase) does not find. Schemas named pg_* and
 * information_schema are PostgreSQL's own.
 */
const SQL_NAME = '[a-z_][a-z0-9_]{0,62}';
const tableName = z
  .string()
  .regex(new RegExp(`^(${SQL_NAME}\\.)?${SQL_NAME}$`), 'a PostgreSQL table name, optionally schema-qualified: lowercase letters, digits and _, starting with a letter or _, up to 63 each (tax_results, reporting.tax_results)')
  .refine((name) => !/^(pg_[a-z0-9_]*|information_schema)\./.test(name), 'schemas named pg_* and information_schema are PostgreSQL\'s own; name another schema')
  .describe('Table to upsert into, created if missing: tax_results or schema.tax_results');

const postgres: SinkDefinition = {
  name: 'postgres',
  description:
    'Upserts each result by (tenant, pipeline, order key) into a PostgreSQL table, created if missing (columns tenant, pipeline, order_key, result jsonb, total_tax, currency, calculated_at, order_updated_at, written_at); in the platform database, or in the database of the connection secret (host, port, database, user, password)',
  role: 'store',
  config: z
    .strictObject({ table: tableName, connection: secretRef.describe('Credentials of the database to write (host, port, database, user, password); without it, the platform database') })
    .superRefine((sink, ctx) => {
      const unqualified = sink.table.replace(/^public\./, '');
      if (!sink.connection && PLATFORM_TABLES.includes(unqualified)) {
        ctx.addIssue({
          code: 'custom',
          path: ['table'],
          message: `'${sink.table}' is one of the platform database's own tables; name another table (results are readable through the results API without a postgres sink)`,
        });
      }
    }),
};

/**
 * Not implemented: per-run files for customers to download need a store and download routes of
 * their own. Refused at apply rather than accepted and ignored; the results API already serves
 * downloads of a pipeline's results.
 */
const file: SinkDefinition = {
  name: 'file',
  description: 'Not available yet: refused at apply. Results can be downloaded through the results API',
  role: 'store',
  config: z.unknown().refine(() => false, 'the file sink is not available yet, so a pipeline cannot use it; use postgres, mongodb or topic (results can be downloaded through the results API)'),
};

/**
 * Names a pipeline may not produce to: Kafka's and the platform's internal topics (`_schemas`,
 * `__consumer_offsets`, `_tributary.*`) and the stage topics of every pipeline (`tributary.*`),
 * which would let one pipeline feed records into another tenant's.
 */
const RESERVED_TOPIC = /^(_|tributary\.)/;

const topic: SinkDefinition = {
  name: 'topic',
  description: 'Produces each result record (key, Avro value and headers as they are on <p>.results) to a downstream Kafka topic, created if missing with the pipeline\'s partitions',
  role: 'store',
  config: z.strictObject({
    name: z
      .string()
      .regex(/^[a-zA-Z0-9._-]{1,249}$/, 'a Kafka topic name: up to 249 of [a-zA-Z0-9._-]')
      .refine((name) => !RESERVED_TOPIC.test(name), 'names starting with _ or tributary. are the platform\'s own topics; name another topic')
      .describe('Downstream topic'),
  }),
};

export const SINK_DEFINITIONS: readonly SinkDefinition[] = [taxApi, mongodb, postgres, file, topic];
