import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { AuditLog } from '../audit/audit-log';
import { AuditModule } from '../audit/audit.module';
import { PlatformStream } from '../pipelines/platform-stream';
import { PlatformStreamModule } from '../pipelines/platform-stream.module';
import { ReplayController } from './replay.controller';
import { StageReplay } from './stage-replay';

@Module({
  imports: [AuditModule, PlatformStreamModule],
  controllers: [ReplayController],
  providers: [
    {
      provide: StageReplay,
      useFactory: (ds: DataSource, audit: AuditLog, stream: PlatformStream, logger: Logger) => new StageReplay(ds, audit, stream, logger),
      inject: [DataSource, AuditLog, PlatformStream, LOGGER],
    },
  ],
})
export class ReplayModule {}
