import type { Connection } from 'mysql2/promise';
import {
  checkReadOptions,
  failedCheck,
  pagedBatches,
  sqlDiscoveredStream,
  sqlReadPlan,
  type ReadOptions,
  type SourceBatch,
  type SourceConnector,
} from '@tributary/connectors';
import { catalogTables, describeQuery, findStream, type MysqlStream } from './mysql-catalog';
import { mysqlConfigSchema, mysqlSecretsSchema, type MysqlConfig, type MysqlSecrets } from './mysql-config';
import { mysqlError, openMysql } from './mysql-connection';
import { mysqlPages } from './mysql-pages';

/**
 * MySQL and MariaDB tables, views and queries as streams, read in full or incrementally by a
 * cursor column with a key as tie-breaker, in keyset pages (see mysql-pages.ts). Each call
 * opens one read-only connection and closes it before it returns.
 */
export const mysqlSource: SourceConnector<MysqlConfig, MysqlSecrets> = {
  name: 'mysql',
  description: 'MySQL and MariaDB tables, views and queries, read in full or incrementally by a cursor column (e.g. updated_at) with a unique key as tie-breaker',
  configSchema: mysqlConfigSchema,
  secretsSchema: mysqlSecretsSchema,

  async check(config, secrets) {
    try {
      await withConnection(config, secrets, async (connection) => {
        await connection.query('SELECT 1');
        for (const query of config.queries) await describeQuery(connection, query);
      });
      return { ok: true };
    } catch (error) {
      return failedCheck(error);
    }
  },

  discover(config, secrets) {
    return withConnection(config, secrets, async (connection) => {
      const streams: MysqlStream[] = await catalogTables(connection, secrets.database);
      for (const query of config.queries) streams.push(await describeQuery(connection, query));
      return streams.map((stream) => sqlDiscoveredStream(stream, stream.columns.map((c) => c.type.avro), 'io.tributary.source.mysql'));
    });
  },

  read: readMysql,

  async close() {
    // Nothing is kept between calls.
  },
};

async function* readMysql(config: MysqlConfig, secrets: MysqlSecrets, options: ReadOptions): AsyncGenerator<SourceBatch> {
  const start = checkReadOptions(options);
  const { signal } = options;
  signal?.throwIfAborted();
  const connection = await openMysql(secrets, config);
  // Closing the socket cancels a page in flight; the read then throws the abort reason.
  const onAbort = () => connection.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    const stream = await findStream(connection, config, secrets.database, options.stream);
    const plan = sqlReadPlan(stream, options, start);
    yield* pagedBatches(mysqlPages(connection, stream, plan), { cursor: start, batchSize: options.batchSize, signal });
    finished = true;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw mysqlError(error, secrets);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // A read stopped early may leave a streamed result half sent, which a graceful end would wait out.
    if (finished) await connection.end().catch(() => connection.destroy());
    else connection.destroy();
  }
}

async function withConnection<T>(config: MysqlConfig, secrets: MysqlSecrets, work: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await openMysql(secrets, config);
  try {
    return await work(connection);
  } catch (error) {
    throw mysqlError(error, secrets);
  } finally {
    await connection.end().catch(() => connection.destroy());
  }
}
