import { platformType, type TaxResult } from '@tributary/avro';
import { openDatabase, SealedSecretReader } from '@tributary/persistence';
import { KeyringError, parseKeyring } from '@tributary/security';
import { ConfigError, PipelineConsumers, type ActivePipeline, type ServiceContext, type StartedService } from '@tributary/service-runtime';
import { MongoResultStore } from './mongo-result-store';
import { MongoWriters } from './mongo-writers';
import { PostgresResultStore } from './postgres-result-store';
import { ResultBatcher } from './result-batcher';
import { resultHandler } from './result-handler';
import type { ResultStore } from './result-store';
import { platformSinkDatabase, SecretSinkDatabases } from './sink-databases';
import { SinkTable } from './sink-table';
import { StoreBackoff } from './store-backoff';
import { storeSinksOf } from './store-sinks';
import { TableResultStore } from './table-result-store';
import { TopicResultStore } from './topic-result-store';

export interface ResultWriterConfig {
  /** The platform's PostgreSQL (embedded: the control plane's PGlite server). */
  readonly DATABASE_URL: string;
  /** Set: pipelines with a mongodb sink also write there. */
  readonly MONGODB_URL?: string;
  /** Set: postgres sinks with a `connection: { secret }` open it (sealed in the platform database's `secrets`). */
  readonly TRIBUTARY_MASTER_KEYS?: string;
  readonly RESULT_BATCH_SIZE: number;
  readonly RESULT_LINGER_MS: number;
}

/**
 * The result-writer's start: the results database, MongoDB writers when configured, and one
 * ConsumerRunner per active pipeline with a store sink, reading `<p>.results` in that sink's
 * group (see store-sinks.ts) and handing each TaxResult to every store of the pipeline: the
 * platform's results table, MongoDB, each postgres sink's table, then each topic sink's topic
 * (last, so a record is produced downstream only once the tables have it).
 */
export async function startResultWriter(ctx: ServiceContext, config: ResultWriterConfig): Promise<StartedService> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: ctx.dataDir, poolSize: 4 });
  const postgres = new PostgresResultStore(database.dataSource);
  const mongo = config.MONGODB_URL ? new MongoWriters(config.MONGODB_URL, ctx.logger) : undefined;
  const keyring = keyringOf(config.TRIBUTARY_MASTER_KEYS);
  const secrets = keyring ? new SealedSecretReader(config.DATABASE_URL, keyring, 'tributary-result-writer') : undefined;
  const platformDatabase = platformSinkDatabase(database.dataSource);
  const tenantDatabases = new SecretSinkDatabases(secrets);
  const backoffs = new Map<string, StoreBackoff>();
  const warned = new Set<string>();
  const readerType = platformType('tax-result');

  const storesOf = (pipeline: ActivePipeline): ResultStore[] => {
    const sinks = storeSinksOf(pipeline);
    const { mongodb } = sinks;
    const stores: ResultStore[] = [postgres];
    const note = (why: string) => {
      if (warned.has(`${pipeline.prefix}:${why}`)) return;
      warned.add(`${pipeline.prefix}:${why}`);
      ctx.logger.warn({ tenant: pipeline.tenant, pipeline: pipeline.pipeline }, why);
    };
    sinks.unserved.forEach(note);
    if (mongodb && !mongo) note('the pipeline has a mongodb sink but MONGODB_URL is not set: its results go to PostgreSQL only');
    if (mongodb && mongo) {
      if (mongodb.connection) note('mongodb sink connection secrets are not read yet: writing through MONGODB_URL');
      stores.push(new MongoResultStore(`mongodb:${mongodb.collection}`, mongo.writerFor(mongodb.collection, mongodb.database)));
    }
    for (const sink of sinks.postgres) {
      const where = sink.connection ? tenantDatabases.of(pipeline.tenant, sink.connection.secret) : platformDatabase;
      if (sink.connection && !secrets) note(`postgres sink ${sink.table} names secret '${sink.connection.secret}' but TRIBUTARY_MASTER_KEYS is not set: its results wait until it is`);
      stores.push(new TableResultStore(SinkTable.parse(sink.table), where));
    }
    const partitions = pipeline.spec.settings.partitions;
    const replicationFactor = pipeline.spec.settings.replicationFactor;
    for (const name of sinks.topics) stores.push(new TopicResultStore({ name, partitions, replicationFactor }, ctx.kafka, ctx.producer));
    return stores;
  };

  const consumers: PipelineConsumers<TaxResult> = new PipelineConsumers<TaxResult>(ctx, {
    consumer: (pipeline) => storeSinksOf(pipeline).consumer,
    stage: 'RESULT_WRITER',
    handler: (pipeline) => {
      const labels = { tenant: pipeline.tenant, pipeline: pipeline.pipeline, topic: `${pipeline.prefix}.results` };
      const batcher = new ResultBatcher({ tenant: pipeline.tenant, pipeline: pipeline.pipeline, stores: storesOf(pipeline), maxBatch: config.RESULT_BATCH_SIZE, lingerMs: config.RESULT_LINGER_MS });
      let backoff = backoffs.get(pipeline.prefix);
      if (!backoff) {
        backoff = new StoreBackoff((topic, partition) => consumers.runnerOf(pipeline.prefix)?.resume([{ topic, partitions: [partition] }]));
        backoffs.set(pipeline.prefix, backoff);
      }
      return resultHandler(batcher, backoff, ctx.logger.child({ tenant: pipeline.tenant, pipeline: pipeline.pipeline }), () => ctx.metrics.recordsOut.inc(labels));
    },
    options: (pipeline) => ({
      readerType,
      // Every partition at once: the batcher's batches gather one result per partition in hand.
      concurrency: Math.max(1, ...pipeline.plan.topics.filter((t) => t.stage === 'results').map((t) => t.partitions)),
    }),
  });
  await consumers.start();

  return {
    ready: () => database.dataSource.isInitialized,
    groupIds: () => consumers.groupIds(),
    async stop() {
      await consumers.stop();
      for (const backoff of backoffs.values()) backoff.cancel();
      await mongo?.close();
      await tenantDatabases.close();
      await secrets?.close();
      await database.close();
    },
  };
}

/** The keyring for opening connection secrets, or undefined without TRIBUTARY_MASTER_KEYS; ConfigError naming the variable. */
function keyringOf(masterKeys: string | undefined) {
  if (masterKeys === undefined) return undefined;
  try {
    return parseKeyring(masterKeys, 'TRIBUTARY_MASTER_KEYS');
  } catch (error) {
    if (error instanceof KeyringError) throw new ConfigError(error.message);
    throw error;
  }
}
