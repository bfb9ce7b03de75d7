import type { Client } from 'pg';
import {
  checkReadOptions,
  failedCheck,
  pagedBatches,
  sqlDiscoveredStream,
  sqlReadPlan,
  ConnectorError,
  type DiscoveredStream,
  type ReadOptions,
  type SourceBatch,
  type SourceConnector,
} from '@tributary/connectors';
import { catalogTables, describeQuery, findStream, type PostgresStream } from './postgres-catalog';
import { postgresConfigSchema, postgresSecretsSchema, type PostgresConfig, type PostgresSecrets } from './postgres-config';
import { openPostgres, postgresError } from './postgres-connection';
import { postgresPages } from './postgres-pages';
import { postgresColumnType } from './postgres-types';

/**
 * PostgreSQL tables, views and queries as streams, read in full or incrementally by a cursor
 * column with a key as tie-breaker, in keyset pages (see postgres-pages.ts). Each call opens
 * one read-only session and closes it before it returns.
 */
export const postgresSource: SourceConnector<PostgresConfig, PostgresSecrets> = {
  name: 'postgres',
  description: 'PostgreSQL tables, views and queries, read in full or incrementally by a cursor column (e.g. updated_at) with a unique key as tie-breaker',
  configSchema: postgresConfigSchema,
  secretsSchema: postgresSecretsSchema,

  async check(config, secrets) {
    try {
      await withClient(config, secrets, async (client) => {
        const { rows } = await client.query<{ nspname: string }>('SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY($1::text[])', [config.schemas]);
        const missing = config.schemas.filter((schema) => !rows.some((row) => row.nspname === schema));
        if (missing.length) throw new ConnectorError('not-found', `schema ${missing.map((s) => `'${s}'`).join(', ')} does not exist in database ${secrets.database}`);
        for (const query of config.queries) await describeQuery(client, query);
      });
      return { ok: true };
    } catch (error) {
      return failedCheck(error);
    }
  },

  discover(config, secrets) {
    return withClient(config, secrets, async (client) => {
      const streams: PostgresStream[] = await catalogTables(client, config.schemas);
      for (const query of config.queries) streams.push(await describeQuery(client, query));
      return streams.map(discovered);
    });
  },

  read: readPostgres,

  async close() {
    // Nothing is kept between calls.
  },
};

function discovered(stream: PostgresStream): DiscoveredStream {
  return sqlDiscoveredStream(stream, stream.columns.map((c) => postgresColumnType(c.oid, c.typmod).avro), 'io.tributary.source.postgres');
}

async function* readPostgres(config: PostgresConfig, secrets: PostgresSecrets, options: ReadOptions): AsyncGenerator<SourceBatch> {
  const start = checkReadOptions(options);
  const { signal } = options;
  signal?.throwIfAborted();
  const client = await openPostgres(secrets, config);
  // Ending the session cancels a page in flight; the read then throws the abort reason.
  const onAbort = () => void client.end().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const stream = await findStream(client, config, options.stream);
    const plan = sqlReadPlan(stream, options, start);
    yield* pagedBatches(postgresPages(client, stream, plan), { cursor: start, batchSize: options.batchSize, signal });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw postgresError(error, secrets);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}

async function withClient<T>(config: PostgresConfig, secrets: PostgresSecrets, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await openPostgres(secrets, config);
  try {
    return await work(client);
  } catch (error) {
    throw postgresError(error, secrets);
  } finally {
    await client.end().catch(() => undefined);
  }
}
