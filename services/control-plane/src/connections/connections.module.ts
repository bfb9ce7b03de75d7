import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { CONFIG, LOGGER } from '../app/tokens';
import { AuditLog } from '../audit/audit-log';
import { AuditModule } from '../audit/audit.module';
import type { ControlPlaneConfig } from '../config/control-plane-config';
import { SecretStore } from '../secrets/secret-store';
import { SecretsModule } from '../secrets/secrets.module';
import { ConnectionCatalog } from './connection-catalog';
import { ConnectionProbe } from './connection-probe';
import { ConnectionsController } from './connections.controller';
import { ConnectorsController } from './connectors.controller';

@Module({
  imports: [AuditModule, SecretsModule],
  controllers: [ConnectionsController, ConnectorsController],
  providers: [
    { provide: ConnectionCatalog, useFactory: (ds: DataSource, audit: AuditLog) => new ConnectionCatalog(ds, audit), inject: [DataSource, AuditLog] },
    {
      provide: ConnectionProbe,
      useFactory: (catalog: ConnectionCatalog, secrets: SecretStore, config: ControlPlaneConfig, logger: Logger) => new ConnectionProbe(catalog, secrets, config.fileRoot, logger),
      inject: [ConnectionCatalog, SecretStore, CONFIG, LOGGER],
    },
  ],
})
export class ConnectionsModule {}
