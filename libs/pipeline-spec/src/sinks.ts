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

const postgres: SinkDefinition = {
  name: 'postgres',
  description: 'Upserts each record by (tenant, pipeline, key) into a PostgreSQL table',
  role: 'store',
  config: z.strictObject({ table: z.string().min(1), connection: secretRef }),
};

const file: SinkDefinition = {
  name: 'file',
  description: 'Writes each run\'s records to a file customers can download',
  role: 'store',
  config: z.strictObject({ path: z.string().min(1), format: z.enum(['jsonl', 'csv']).default('jsonl') }),
};

const topic: SinkDefinition = {
  name: 'topic',
  description: 'Produces each record to a downstream Kafka topic',
  role: 'store',
  config: z.strictObject({ name: z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, 'a Kafka topic name: up to 249 of [a-zA-Z0-9._-]') }),
};

export const SINK_DEFINITIONS: readonly SinkDefinition[] = [taxApi, mongodb, postgres, file, topic];
