import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecretBox } from '@tributary/security';
import { CONFIG } from '../app/tokens';
import { AuditLog } from '../audit/audit-log';
import { AuditModule } from '../audit/audit.module';
import type { ControlPlaneConfig } from '../config/control-plane-config';
import { SecretStore } from './secret-store';
import { SecretRotationController } from './secret-rotation.controller';
import { SecretsController } from './secrets.controller';

@Module({
  imports: [AuditModule],
  controllers: [SecretsController, SecretRotationController],
  providers: [
    {
      provide: SecretStore,
      useFactory: (ds: DataSource, box: SecretBox, config: ControlPlaneConfig, audit: AuditLog) =>
        new SecretStore(ds, box, config.keyring.currentKeyId, audit),
      inject: [DataSource, SecretBox, CONFIG, AuditLog],
    },
  ],
  exports: [SecretStore],
})
export class SecretsModule {}
