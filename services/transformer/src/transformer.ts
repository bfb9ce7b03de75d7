import { SchemaRegistryHttp } from '@tributary/avro';
import { stageTopic } from '@tributary/pipeline-spec';
import { PipelineConsumers, type BaseConfig, type ServiceContext, type StartedService } from '@tributary/service-runtime';
import type { DataRecord } from '@tributary/transforms';
import { transformHandler } from './transform-handler';

/**
 * The transformer stage: for every active pipeline, one ConsumerRunner in the plan's
 * `transformer` group reading `<p>.raw` (a second instance of the service shares the
 * partitions). A new version of a pipeline swaps in a handler compiled from its steps, so the
 * steps change without a restart; a paused or deleted pipeline stops its consumer.
 */
export async function startTransformer(ctx: ServiceContext, config: BaseConfig): Promise<StartedService> {
  // The registry's own text of each raw schema (field attributes such as sourceName included).
  const registry = new SchemaRegistryHttp(config.SCHEMA_REGISTRY_URL);
  const consumers = new PipelineConsumers<DataRecord>(ctx, {
    consumer: () => 'transformer',
    stage: 'TRANSFORM',
    handler: (pipeline) => {
      const labels = { tenant: pipeline.tenant, pipeline: pipeline.pipeline, topic: stageTopic(pipeline.tenant, pipeline.pipeline, 'mapped') };
      return transformHandler(pipeline, { producer: ctx.producer, codec: ctx.codec, registry, onPublished: (count) => ctx.metrics.recordsOut.inc(labels, count) });
    },
  });
  await consumers.start();
  ctx.logger.info({ pipelines: consumers.groupIds().length }, 'transformer running');
  return { ready: () => true, groupIds: () => consumers.groupIds(), stop: () => consumers.stop() };
}
