import type { ActivePipeline } from '@tributary/service-runtime';

/** The store sinks this service writes; the others (file, topic) belong to other services. */
const STORE_SINKS = new Set(['mongodb', 'postgres']);

export interface StoreSinks {
  /** The consumer group's consumer (`sink.<n>.<name>`) the pipeline's results are read in; undefined: nothing to store. */
  readonly consumer: string | undefined;
  /** The first mongodb sink's settings, if the pipeline has one. */
  readonly mongodb?: { readonly collection: string; readonly database?: string; readonly connection?: { readonly secret: string } };
}

/**
 * How the result-writer serves one pipeline. Its results are read once, in the consumer group of
 * the pipeline's first `mongodb` or `postgres` store sink (the plan's `sink.<n>.<name>`), and each
 * result is written to the platform's results store (PostgreSQL: what the results API, downloads
 * and `tail` read) and, when the pipeline has a mongodb sink and MONGODB_URL is set, to MongoDB.
 * One group for both stores: a result is committed once it is in both, and one lag says how far
 * behind the pipeline's stores are.
 */
export function storeSinksOf(pipeline: ActivePipeline): StoreSinks {
  const consumer = pipeline.plan.consumerGroups.map((g) => g.consumer).find((name) => STORE_SINKS.has(/^sink\.\d+\.(.+)$/.exec(name)?.[1] ?? ''));
  const mongodb = pipeline.spec.sinks.map((item) => Object.entries(item)[0]).find(([name]) => name === 'mongodb')?.[1] as StoreSinks['mongodb'];
  return { consumer, ...(mongodb && { mongodb }) };
}
