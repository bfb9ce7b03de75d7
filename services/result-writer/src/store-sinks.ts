import type { ActivePipeline } from '@tributary/service-runtime';

type SecretRef = { readonly secret: string };

export interface StoreSinks {
  /** The consumer group's consumer (`sink.<n>.<name>`) the pipeline's results are read in; undefined: nothing to store. */
  readonly consumer: string | undefined;
  /** The first mongodb sink's settings, if the pipeline has one. */
  readonly mongodb?: { readonly collection: string; readonly database?: string; readonly connection?: SecretRef };
  /** Every postgres sink, in the pipeline's order. */
  readonly postgres: readonly { readonly table: string; readonly connection?: SecretRef }[];
  /** Every topic sink's downstream topic, in the pipeline's order. */
  readonly topics: readonly string[];
  /** Store sinks this service cannot serve for the pipeline, with why, to be logged (never silently ignored). */
  readonly unserved: readonly string[];
}

/**
 * How the result-writer serves one pipeline. Its results are read once, in the consumer group of
 * the pipeline's first `mongodb` or `postgres` sink, or of its first `topic` sink when it has
 * neither (the plan's `sink.<n>.<name>`; the choice never moves a pipeline that had a store sink
 * to another group, which would read its results again from the start). Each result goes to the
 * platform's results table (what the results API, downloads and `tail` read), to MongoDB when
 * MONGODB_URL is set, to every postgres sink's table and every topic sink's topic. One group for
 * all: a result is committed once every store has it, and one lag says how far behind they are.
 *
 * A pipeline without a taxApi sink has no `<p>.results`: its store sinks read `<p>.valid`, which
 * holds mapped records, not TaxResults, and this service does not serve them (said in `unserved`).
 */
export function storeSinksOf(pipeline: ActivePipeline): StoreSinks {
  const sinks = pipeline.spec.sinks.map((item) => Object.entries(item)[0] as [string, Record<string, unknown>]);
  const named = (name: string) => sinks.filter(([sink]) => sink === name).map(([, config]) => config);
  const storeNames = sinks.map(([sink]) => sink).filter((sink) => sink === 'mongodb' || sink === 'postgres' || sink === 'topic');
  const groups = pipeline.plan.consumerGroups.map((g) => ({ consumer: g.consumer, sink: /^sink\.\d+\.(.+)$/.exec(g.consumer)?.[1], readsResults: g.reads.includes(`${pipeline.prefix}.results`) }));
  if (!groups.some((g) => g.readsResults)) {
    return { consumer: undefined, postgres: [], topics: [], unserved: storeNames.length > 0 ? [`the pipeline has no taxApi sink, so its ${storeNames.join(', ')} sinks would read mapped records, which the result-writer does not write`] : [] };
  }
  const consumer = (groups.find((g) => g.sink === 'mongodb' || g.sink === 'postgres') ?? groups.find((g) => g.sink === 'topic'))?.consumer;
  const mongodb = named('mongodb')[0] as StoreSinks['mongodb'];
  return {
    consumer,
    ...(mongodb && { mongodb }),
    postgres: named('postgres') as unknown as StoreSinks['postgres'],
    topics: named('topic').map((config) => config.name as string),
    unserved: named('mongodb').length > 1 ? ['a pipeline with two mongodb sinks writes only the first'] : [],
  };
}
