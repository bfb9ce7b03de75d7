import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { AuditModule } from '../audit/audit.module';
import { ApiKeyIssuer } from './api-key-issuer';
import { ApiKeysController } from './api-keys.controller';

@Module({
  imports: [AuditModule],
  controllers: [ApiKeysController],
  providers: [{ provide: ApiKeyIssuer, useFactory: (ds: DataSource, audit: AuditLog) => new ApiKeyIssuer(ds, audit), inject: [DataSource, AuditLog] }],
})
export class ApiKeysModule {}
