import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log';

@Module({
  controllers: [AuditController],
  providers: [{ provide: AuditLog, useFactory: (ds: DataSource) => new AuditLog(ds), inject: [DataSource] }],
  exports: [AuditLog],
})
export class AuditModule {}
