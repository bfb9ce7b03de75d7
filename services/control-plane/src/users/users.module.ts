import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { AuditModule } from '../audit/audit.module';
import { UserDirectory } from './user-directory';
import { UsersController } from './users.controller';

@Module({
  imports: [AuditModule],
  controllers: [UsersController],
  providers: [{ provide: UserDirectory, useFactory: (ds: DataSource, audit: AuditLog) => new UserDirectory(ds, audit), inject: [DataSource, AuditLog] }],
  exports: [UserDirectory],
})
export class UsersModule {}
