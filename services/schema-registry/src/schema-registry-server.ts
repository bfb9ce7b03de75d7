import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { NestFactory } from '@nestjs/core';
import type { SASLOptions } from 'kafkajs';
import type { CompatibilityLevel } from './compatibility-level';
import { RegistryHttpModule } from './http/registry-http.module';
import { KafkaSchemaLog } from './log/kafka-schema-log';
import { SchemaRegistry } from './schema-registry';

export interface SchemaRegistryServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly brokers: readonly string[];
  readonly topic?: string;
  readonly replicationFactor?: number;
  readonly compatibilityLevel?: CompatibilityLevel;
  /** Largest request body (default 1 MB, as Confluent's size limit). */
  readonly maxBodyBytes?: number;
  readonly timeoutMs?: number;
  readonly initTimeoutMs?: number;
  readonly kafkaSsl?: ConnectionOptions | boolean;
  readonly kafkaSasl?: SASLOptions;
  readonly logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface RunningSchemaRegistry {
  /** http://host:port */
  readonly url: string;
  readonly port: number;
  readonly registry: SchemaRegistry;
  /** Stops taking requests, then leaves the Kafka cluster. */
  stop(): Promise<void>;
}

/**
 * Starts a registry instance: reads the `_schemas` topic to its end (creating it if missing),
 * then serves the REST API. Any number of instances may share one topic.
 */
export async function startSchemaRegistry(options: SchemaRegistryServerOptions): Promise<RunningSchemaRegistry> {
  const { logger } = options;
  const log = new KafkaSchemaLog({
    brokers: options.brokers,
    topic: options.topic,
    replicationFactor: options.replicationFactor,
    ssl: options.kafkaSsl,
    sasl: options.kafkaSasl,
    logger,
  });
  const registry = await SchemaRegistry.open(log, {
    compatibilityLevel: options.compatibilityLevel,
    timeoutMs: options.timeoutMs,
    initTimeoutMs: options.initTimeoutMs,
    logger,
  });
  try {
    const app = await NestFactory.create(
      RegistryHttpModule.forRegistry(registry, { maxBodyBytes: options.maxBodyBytes ?? 1_048_576, logger }),
      { bodyParser: false, logger: false },
    );
    app.getHttpAdapter().getInstance().disable('x-powered-by');
    await app.listen(options.port, options.host);
    const { port } = app.getHttpServer().address() as AddressInfo;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    const url = `http://${host}:${port}`;
    logger.info({ url, topic: log.topic, offset: registry.store.offset }, 'schema registry listening');
    return {
      url,
      port,
      registry,
      stop: async () => {
        await app.close();
        await registry.close();
      },
    };
  } catch (error) {
    await registry.close();
    throw error;
  }
}
