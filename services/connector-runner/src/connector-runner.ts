import { defaultTextMapSetter, ROOT_CONTEXT, SpanKind, trace, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ConnectorError } from '@tributary/connectors';
import { stageTopic } from '@tributary/pipeline-spec';
import type { ServiceContext, StartedService } from '@tributary/service-runtime';
import { newTraceparent } from '@tributary/stream';
import { join } from 'node:path';
import { secretKeyring, type ConnectorRunnerConfig } from './connector-runner-config';
import { KafkaCursorStore } from './cursor-store';
import { RunConsumer } from './run-consumer';
import { runEventPublisher } from './run-events';
import { RunExecutor, type PipelineLookup } from './run-executor';
import { DatabaseSecretSource, type SecretSource } from './secret-source';

/** How long a run request waits for its pipeline to reach this instance's directory (it may have been applied a moment ago). */
const PIPELINE_WAIT_MS = 5000;

/**
 * The connector runner: takes run requests from `_tributary.runs` (group
 * `_tributary.connector-runner`: each run goes to one instance; more instances run more at
 * once), executes each against the pipeline's source with the connection secret opened here
 * only, and keeps cursors on `_tributary.connector-offsets`. Schedules are the control plane's:
 * its scheduler turns them into requests.
 */
export async function startConnectorRunner(ctx: ServiceContext, config: ConnectorRunnerConfig): Promise<StartedService> {
  const keyring = secretKeyring(config);
  const secrets: SecretSource & { close?(): Promise<void> } = keyring ? new DatabaseSecretSource(config.DATABASE_URL!, keyring) : withoutSecrets;
  const admin = ctx.kafka.admin();
  await admin.connect();
  const cursors = new KafkaCursorStore({ kafka: ctx.kafka, codec: ctx.codec, producer: ctx.producer, logger: ctx.logger });
  await cursors.start();
  const executor = new RunExecutor({
    pipelines: directoryLookup(ctx),
    secrets,
    producer: ctx.producer,
    cursors,
    emit: runEventPublisher(ctx.producer),
    missingTopics: async (names) => {
      const existing = new Set(await admin.listTopics());
      return names.filter((name) => !existing.has(name));
    },
    ...(config.TRIBUTARY_FILE_ROOT !== undefined && { fileRoot: (tenant: string) => join(config.TRIBUTARY_FILE_ROOT!, tenant) }),
    batchSize: config.CONNECTOR_BATCH_SIZE,
    traceparent: sourceSpans(ctx.tracer),
    onBatch: (request, batch) => {
      const labels = { tenant: request.tenant, pipeline: request.pipeline };
      ctx.metrics.recordsIn.inc(labels, batch.read);
      ctx.metrics.recordsOut.inc({ ...labels, topic: stageTopic(request.tenant, request.pipeline, 'raw') }, batch.published);
      if (batch.errors > 0) ctx.metrics.recordsFailed.inc({ ...labels, outcome: 'error' }, batch.errors);
    },
    logger: ctx.logger,
  });
  const runs = new RunConsumer({ kafka: ctx.kafka, codec: ctx.codec, executor, concurrency: config.CONNECTOR_RUN_CONCURRENCY, logger: ctx.logger });
  await runs.start();
  ctx.logger.info({ secrets: keyring ? 'database' : 'none', batchSize: config.CONNECTOR_BATCH_SIZE }, 'connector runner running');
  return {
    ready: () => true,
    groupIds: () => ['_tributary.connector-runner'],
    stop: async () => {
      await runs.stop();
      await cursors.stop();
      await admin.disconnect().catch(() => undefined);
      await secrets.close?.();
    },
  };
}

/** The directory's spec of an active pipeline, waiting a moment for one announced just now. */
function directoryLookup(ctx: ServiceContext): PipelineLookup {
  return {
    async find(tenant, pipeline) {
      const deadline = Date.now() + PIPELINE_WAIT_MS;
      for (;;) {
        const found = ctx.pipelines.find(tenant, pipeline);
        if (found || Date.now() > deadline) return found?.spec;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}

const withoutSecrets: SecretSource = {
  open: (_tenant, name) => Promise.reject(new ConnectorError('config', `this connector runner has no DATABASE_URL, so it cannot open secret '${name}'`)),
};

/** A span per record entering the platform: the root of the record's trace, whose traceparent the record carries. */
function sourceSpans(tracer: Tracer | undefined): () => string {
  if (tracer === undefined) return newTraceparent;
  const w3c = new W3CTraceContextPropagator();
  return () => {
    const span = tracer.startSpan('connector-runner read', { kind: SpanKind.PRODUCER }, ROOT_CONTEXT);
    const carrier: Record<string, string> = {};
    w3c.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
    span.end();
    return carrier.traceparent ?? newTraceparent();
  };
}
