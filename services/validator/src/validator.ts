import { SchemaRegistryHttp } from '@tributary/avro';
import { stageTopic } from '@tributary/pipeline-spec';
import { PipelineConsumers, type BaseConfig, type ServiceContext, type StartedService } from '@tributary/service-runtime';
import type { DataRecord } from '@tributary/transforms';
import { RunQuality } from './run-quality';
import { validateHandler } from './validate-handler';

/**
 * The validator stage: for every active pipeline, one ConsumerRunner in the plan's `validator`
 * group reading `<p>.mapped` (a second instance of the service shares the partitions). A new
 * version of a pipeline swaps in a handler compiled from its rules, so rules change without a
 * restart; a paused or deleted pipeline stops its consumer. Each run's quality figures go with
 * the stage's PROGRESS counts to the control plane, which makes the run's report.
 */
export async function startValidator(ctx: ServiceContext, config: BaseConfig): Promise<StartedService> {
  const registry = new SchemaRegistryHttp(config.SCHEMA_REGISTRY_URL);
  const quality = new RunQuality();
  const consumers = new PipelineConsumers<DataRecord>(ctx, {
    consumer: () => 'validator',
    stage: 'VALIDATE',
    runQuality: (runId) => quality.figuresOf(runId),
    handler: (pipeline) => {
      const labels = { tenant: pipeline.tenant, pipeline: pipeline.pipeline, topic: stageTopic(pipeline.tenant, pipeline.pipeline, 'valid') };
      return validateHandler(pipeline, { producer: ctx.producer, codec: ctx.codec, registry, quality, onPublished: () => ctx.metrics.recordsOut.inc(labels) });
    },
  });
  await consumers.start();
  ctx.logger.info({ pipelines: consumers.groupIds().length }, 'validator running');
  return { ready: () => true, groupIds: () => consumers.groupIds(), stop: () => consumers.stop() };
}
