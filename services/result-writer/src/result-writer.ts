import { platformType, type TaxResult } from '@tributary/avro';
import { openDatabase } from '@tributary/persistence';
import { PipelineConsumers, type ActivePipeline, type ServiceContext, type StartedService } from '@tributary/service-runtime';
import { MongoResultStore } from './mongo-result-store';
import { MongoWriters } from './mongo-writers';
import { PostgresResultStore } from './postgres-result-store';
import { ResultBatcher } from './result-batcher';
import { resultHandler } from './result-handler';
import type { ResultStore } from './result-store';
import { StoreBackoff } from './store-backoff';
import { storeSinksOf } from './store-sinks';

export interface ResultWriterConfig {
  /** The platform's PostgreSQL (embedded: the control plane's PGlite server). */
  readonly DATABASE_URL: string;
  /** Set: pipelines with a mongodb sink also write there. */
  readonly MONGODB_URL?: string;
  readonly RESULT_BATCH_SIZE: number;
  readonly RESULT_LINGER_MS: number;
}

/**
 * The result-writer's start: the results database, MongoDB writers when configured, and one
 * ConsumerRunner per active pipeline with a store sink, reading `<p>.results` in that sink's
 * group (see store-sinks.ts) and upserting each TaxResult into every store of the pipeline.
 */
export async function startResultWriter(ctx: ServiceContext, config: ResultWriterConfig): Promise<StartedService> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: ctx.dataDir, poolSize: 4 });
  const postgres = new PostgresResultStore(database.dataSource);
  const mongo = config.MONGODB_URL ? new MongoWriters(config.MONGODB_URL, ctx.logger) : undefined;
  const backoffs = new Map<string, StoreBackoff>();
  const warned = new Set<string>();
  const readerType = platformType('tax-result');

  const storesOf = (pipeline: ActivePipeline): ResultStore[] => {
    const { mongodb } = storeSinksOf(pipeline);
    const stores: ResultStore[] = [postgres];
    const note = (why: string) => {
      if (warned.has(`${pipeline.prefix}:${why}`)) return;
      warned.add(`${pipeline.prefix}:${why}`);
      ctx.logger.warn({ tenant: pipeline.tenant, pipeline: pipeline.pipeline }, why);
    };
    if (mongodb && !mongo) note('the pipeline has a mongodb sink but MONGODB_URL is not set: its results go to PostgreSQL only');
    if (mongodb && mongo) {
      if (mongodb.connection) note('mongodb sink connection secrets are not read yet: writing through MONGODB_URL');
      stores.push(new MongoResultStore(`mongodb:${mongodb.collection}`, mongo.writerFor(mongodb.collection, mongodb.database)));
    }
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
      await database.close();
    },
  };
}
