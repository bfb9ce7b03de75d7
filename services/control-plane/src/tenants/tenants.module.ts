import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { AuditModule } from '../audit/audit.module';
import { UserDirectory } from '../users/user-directory';
import { UsersModule } from '../users/users.module';
import { TenantDirectory } from './tenant-directory';
import { TenantsController } from './tenants.controller';

@Module({
  imports: [AuditModule, UsersModule],
  controllers: [TenantsController],
  providers: [
    {
      provide: TenantDirectory,
      useFactory: (ds: DataSource, users: UserDirectory, audit: AuditLog) => new TenantDirectory(ds, users, audit),
      inject: [DataSource, UserDirectory, AuditLog],
    },
  ],
  exports: [TenantDirectory],
})
export class TenantsModule {}
