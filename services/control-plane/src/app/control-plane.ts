import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { DestinationStream, Logger } from 'pino';
import { openDatabase, type Database } from '@tributary/persistence';
import { AuditLog } from '../audit/audit-log';
import { bootstrapPlatformAdmin } from '../bootstrap/platform-admin';
import { ErrorAnswerFilter } from '../common/error-answer.filter';
import type { ControlPlaneConfig } from '../config/control-plane-config';
import { serveOpenApi } from '../docs/openapi';
import { createLogger } from '../logging/logger';
import { PinoNestLogger } from '@tributary/service-runtime';
import { observeRequests } from '../logging/request-observer';
import { ControlPlaneMetrics } from '../metrics/control-plane-metrics';
import { UserDirectory } from '../users/user-directory';
import { AppModule } from './app.module';

export interface ControlPlaneOptions {
  readonly config: ControlPlaneConfig;
  /** Where log lines go (default stdout); tests pass a stream to read every line. */
  readonly logDestination?: DestinationStream;
}

export interface ControlPlane {
  readonly app: INestApplication;
  /** `http://host:port` actually bound (port 0 in the config picks a free one). */
  readonly url: string;
  readonly database: Database;
  readonly logger: Logger;
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it), bootstraps the platform admin, and serves the API. The
 * database is opened before Nest so a bad DATABASE_URL fails fast with its own message.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const { config } = options;
  const logger = createLogger(config.logLevel, options.logDestination);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  logger.info({ mode: database.mode }, 'database ready');
  let app: INestApplication | undefined;
  try {
    const metrics = new ControlPlaneMetrics();
    app = await NestFactory.create(AppModule.register({ config, database, logger, metrics }), {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
    });
    app.use(observeRequests(logger, metrics));
    app.useGlobalFilters(new ErrorAnswerFilter(logger));
    (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
    serveOpenApi(app);
    if (config.bootstrapAdmin) {
      const outcome = await bootstrapPlatformAdmin(
        database.dataSource,
        app.get(UserDirectory, { strict: false }),
        app.get(AuditLog, { strict: false }),
        config.bootstrapAdmin,
      );
      logger.info({ outcome }, outcome === 'created' ? 'created the bootstrap platform admin' : 'a platform admin exists; bootstrap skipped');
    }
    await app.listen(config.port, config.host);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.close();
    throw err;
  }
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url }, 'control plane listening');
  const started = app;
  return {
    app: started,
    url,
    database,
    logger,
    close: async () => {
      await started.close();
      await database.close();
    },
  };
}
