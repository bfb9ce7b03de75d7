import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createServiceLogger } from '@tributary/observability';
import { PinoNestLogger } from '@tributary/service-runtime';
import type { DestinationStream, Logger } from 'pino';
import { routeCalculateDirectly } from './http/calculate-route';
import { ErrorAnswerFilter } from './http/error-answer.filter';
import { SandboxModule } from './http/sandbox.module';
import { PortOutage } from './port-outage';
import type { SandboxConfig } from './sandbox-config';
import { seededRandom } from './seeded-random';
import { TaxSandbox } from './tax-sandbox';

export interface RunningSandbox {
  /** `http://host:port` bound (port 0 picks a free one): the TAXMAN URL to give a client. */
  readonly url: string;
  readonly port: number;
  readonly sandbox: TaxSandbox;
  readonly logger: Logger;
  close(): Promise<void>;
}

/**
 * Serves the sandbox over HTTP with NestJS (Express): TAXMAN's route, the knobs, the stats, health
 * and the OpenAPI document at /v1/openapi.json (Swagger UI at /docs). Keep-alive outlives the
 * client's (65 s against undici's 30 s), so a client never reuses a connection the server is
 * closing, which would fail a POST that cannot be retried blindly.
 */
export async function startSandbox(config: SandboxConfig, logDestination?: DestinationStream): Promise<RunningSandbox> {
  const logger = createServiceLogger('tax-api-sandbox', config.logLevel, logDestination);
  const sandbox = new TaxSandbox({ knobs: config.knobs, maxKeys: config.maxKeys, ...(config.seed !== undefined && { random: seededRandom(config.seed) }) });
  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.register(sandbox), { logger: new PinoNestLogger(logger), abortOnError: false, bodyParser: false });
  app.useBodyParser('json', { limit: '5mb' });
  app.useGlobalFilters(new ErrorAnswerFilter(logger));
  app.disable('x-powered-by');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TAXMAN tax calculation API (Tributary sandbox)')
      .setDescription('A stand-in for TAXMAN: deterministic rate tables, idempotency keys, and knobs for latency, failures, throttling and outages. See services/tax-api-sandbox/README.md.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'v1/openapi.json' });
  const server = app.getHttpServer() as Server;
  routeCalculateDirectly(server, sandbox);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  const portOutage = new PortOutage(server, { host: config.host, port }, logger);
  portOutage.follow(sandbox.outages);
  sandbox.outages.plan(config.outages, config.outageMode);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, knobs: config.knobs, outages: config.outages }, 'tax-api-sandbox listening');
  return {
    url,
    port,
    sandbox,
    logger,
    close: async () => {
      portOutage.stop();
      sandbox.close();
      await app.close();
    },
  };
}
