import type { TaxOrder } from '@tributary/avro';
import { PipelineConsumers, type ActivePipeline, type BaseConfig, type ServiceContext, type StartedService } from '@tributary/service-runtime';
import { TaxmanEndpoint } from '@tributary/tax-api';
import type { z } from 'zod';
import { PipelineTaxSink } from './pipeline-tax-sink';
import type { TAX_SINK_ENV } from './tax-sink-config';
import { TaxSinkMetrics } from './tax-sink-metrics';
import { sameSettings, taxSinkSettingsOf } from './tax-sink-settings';

export type TaxSinkConfig = BaseConfig & z.output<z.ZodObject<typeof TAX_SINK_ENV>>;

/**
 * The tax-sink stage: for every active pipeline with a taxApi sink, one ConsumerRunner in the
 * plan's `tax-sink` group reading `<p>.valid` and `<p>.retry` (a second instance of the service
 * shares the partitions), and one PipelineTaxSink calling TAXMAN through the endpoint's shared
 * keep-alive pool. A new version of a pipeline keeps its sink, circuit included, unless its
 * taxApi settings changed; the runner's retry schedule and in-flight bound are taken when it
 * starts (a change of those applies when the pipeline's runner is next started).
 */
export async function startTaxSink(ctx: ServiceContext, config: TaxSinkConfig): Promise<StartedService> {
  const endpoint = new TaxmanEndpoint({
    url: config.TAX_API_URL,
    connections: config.TAX_API_CONNECTIONS,
    ...(config.TAX_API_KEY !== undefined && { authorization: `Bearer ${config.TAX_API_KEY}` }),
  });
  const metrics = new TaxSinkMetrics(ctx.metrics.registry);
  const sinks = new Map<string, PipelineTaxSink>();

  const sinkOf = (pipeline: ActivePipeline): PipelineTaxSink | undefined => {
    const settings = taxSinkSettingsOf(pipeline.spec);
    const current = sinks.get(pipeline.prefix);
    if (current && settings && sameSettings(current.settings, settings)) return current;
    // Calls of the old sink still waiting are refused by its closed circuit and handed back
    // (PAUSE_PARTITION); the new sink's watchdog resumes them.
    current?.close();
    sinks.delete(pipeline.prefix);
    if (!settings) return undefined;
    const sink = new PipelineTaxSink({
      tenant: pipeline.tenant,
      pipeline: pipeline.pipeline,
      settings,
      endpoint,
      producer: ctx.producer,
      metrics,
      partitions: () => consumers.runnerOf(pipeline.prefix),
      logger: ctx.logger,
      onPublished: (topic) => ctx.metrics.recordsOut.inc({ tenant: pipeline.tenant, pipeline: pipeline.pipeline, topic }),
    });
    sinks.set(pipeline.prefix, sink);
    return sink;
  };

  const consumers: PipelineConsumers<TaxOrder> = new PipelineConsumers<TaxOrder>(ctx, {
    consumer: (pipeline) => (taxSinkSettingsOf(pipeline.spec) ? 'tax-sink' : undefined),
    stage: 'TAX_SINK',
    handler: (pipeline) => sinkOf(pipeline)?.handle,
    options: (pipeline) => sinkOf(pipeline)?.runnerOptions() ?? {},
  });
  await consumers.start();
  ctx.logger.info({ endpoint: endpoint.url, pipelines: sinks.size }, 'tax sink running');

  return {
    ready: () => true,
    groupIds: () => consumers.groupIds(),
    stop: async () => {
      await consumers.stop();
      for (const sink of sinks.values()) sink.close();
      await endpoint.close();
    },
  };
}
