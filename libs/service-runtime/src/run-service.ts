import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfluentAvroCodec, SchemaRegistryHttp } from '@tributary/avro';
import { createServiceLogger, readConsumerLag, recordConsumerLag, StageMetrics, startTracing } from '@tributary/observability';
import { createStreamProducer, ensureTopics, internalTopicSpecs, isTellingKafkaLog } from '@tributary/stream';
import { redactText } from '@tributary/security';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { DestinationStream, Logger } from 'pino';
import type { z } from 'zod';
import { OpsController, SERVICE_HEALTH, SERVICE_METRICS } from './ops.controller';
import { PinoNestLogger } from './pino-nest-logger';
import { PipelineDirectory } from './pipeline-directory';
import { ConfigError, parseServiceEnv, type BaseConfig } from './service-config';
import type { ServiceContext, StartedService } from './service-context';
import { ServiceHealth } from './service-health';

export const SERVICE_CONTEXT = Symbol('ServiceContext');

export interface ServiceDefinition<S extends z.ZodRawShape> {
  /** The service's name: logs, metrics, traces and Kafka client ids carry it. */
  readonly name: string;
  /** This service's own variables (the base ones, KAFKA_BROKERS and the rest, are parsed already). */
  readonly env?: S;
  /** Nest controllers of its own, served beside the health and metrics routes; they can inject SERVICE_CONTEXT. */
  readonly module?: Type<unknown>;
  start(ctx: ServiceContext, config: BaseConfig & z.output<z.ZodObject<S>>): Promise<StartedService>;
}

export interface RunningService {
  readonly url: string;
  readonly context: ServiceContext;
  close(): Promise<void>;
}

/** How often consumer lag is read for /metrics. */
const LAG_INTERVAL_MS = 10_000;

/**
 * Starts a stage service: config parsed once (a bad one throws ConfigError naming the variable),
 * tracing, JSON logs, Kafka, the registry codec, a connected producer, the pipeline directory,
 * the service's own start, then health and metrics over HTTP. close() undoes it in reverse:
 * the service stops taking work and commits before the connections go.
 */
export async function startService<S extends z.ZodRawShape>(definition: ServiceDefinition<S>, env: NodeJS.ProcessEnv, logDestination?: DestinationStream): Promise<RunningService> {
  const config = parseServiceEnv(definition.env ?? ({} as S), env);
  const tracing = startTracing({ serviceName: definition.name, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = createServiceLogger(definition.name, config.LOG_LEVEL, logDestination);
  const kafka = new Kafka({
    clientId: config.KAFKA_CLIENT_ID ?? `tributary-${definition.name}`,
    brokers: config.KAFKA_BROKERS.split(','),
    connectionTimeout: 5000,
    retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => kafkaLog(logger, entry),
  });
  const codec = new ConfluentAvroCodec(new SchemaRegistryHttp(config.SCHEMA_REGISTRY_URL));
  const producer = createStreamProducer({ kafka, codec });
  const metrics = new StageMetrics(definition.name);
  const health = new ServiceHealth();
  const pipelines = new PipelineDirectory(kafka, definition.name, logger);
  const closers: (() => Promise<unknown>)[] = [() => tracing.shutdown()];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer().catch((err: Error) => logger.warn({ err: err.message }, 'did not close cleanly'));
  };
  try {
    const admin = kafka.admin();
    await admin.connect();
    closers.push(() => admin.disconnect());
    await ensureTopics(admin, internalTopicSpecs());
    await producer.connect();
    closers.push(() => producer.disconnect());
    await pipelines.start();
    closers.push(() => pipelines.stop());
    const context: ServiceContext = { name: definition.name, kafka, codec, producer, pipelines, metrics, logger, tracer: tracing.tracer, dataDir: config.TRIBUTARY_DATA_DIR, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS };
    // Health and metrics answer from here on (not ready until the service's start has joined its
    // consumer groups, which after a crash takes a session timeout): a liveness probe must not
    // kill a process that is only waiting to rejoin.
    let startedUp = false;
    health.register('started', () => startedUp);
    const app = await NestFactory.create(opsModule(context, health, metrics, definition.module), { logger: new PinoNestLogger(logger), abortOnError: false });
    await app.listen(config.PORT ?? 0, config.HOST);
    closers.push(() => app.close());
    const started = await definition.start(context, config);
    closers.push(() => started.stop());
    startedUp = true;
    if (started.ready) health.register(definition.name, started.ready.bind(started));
    if (started.groupIds) {
      const timer = setInterval(() => {
        readConsumerLag(admin, started.groupIds!())
          .then((rows) => recordConsumerLag(metrics, rows))
          .catch((err: Error) => logger.debug({ err: err.message }, 'consumer lag not read'));
      }, LAG_INTERVAL_MS);
      timer.unref();
      closers.push(async () => clearInterval(timer));
    }
    const url = urlOf(app);
    logger.info({ url }, `${definition.name} started`);
    return { url, context, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * `main` of a stage service: starts it, stops it on SIGTERM or SIGINT, and exits 1 with a message
 * naming the variable on bad configuration, or with the (redacted) reason it could not start.
 */
export function runService<S extends z.ZodRawShape>(definition: ServiceDefinition<S>): void {
  startService(definition, process.env).then(
    (service) => {
      const stop = (signal: string) => {
        service.context.logger.info({ signal }, 'shutting down');
        service.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (err: Error) => {
      const message = err instanceof ConfigError ? `bad configuration\n${err.message}` : redactText(err.message);
      process.stderr.write(`${definition.name}: ${message}\n`);
      process.exit(1);
    },
  );
}

function opsModule(context: ServiceContext, health: ServiceHealth, metrics: StageMetrics, own: Type<unknown> | undefined): DynamicModule {
  @Module({})
  class ServiceOpsModule {}
  return {
    module: ServiceOpsModule,
    global: true,
    imports: own ? [own] : [],
    controllers: [OpsController],
    providers: [
      { provide: SERVICE_CONTEXT, useValue: context },
      { provide: SERVICE_HEALTH, useValue: health },
      { provide: SERVICE_METRICS, useValue: metrics },
    ],
    exports: [SERVICE_CONTEXT, SERVICE_METRICS],
  };
}

function urlOf(app: INestApplication): string {
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function kafkaLog(logger: Logger, entry: LogEntry): void {
  if (!isTellingKafkaLog(entry)) return;
  const { message, ...rest } = entry.log;
  const fields = { kafka: entry.namespace, ...rest };
  if (entry.level <= logLevel.ERROR) logger.error(fields, message);
  else logger.warn(fields, message);
}
