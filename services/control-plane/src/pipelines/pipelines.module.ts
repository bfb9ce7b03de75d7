import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { AuditLog } from '../audit/audit-log';
import { AuditModule } from '../audit/audit.module';
import { ScheduleBook } from '../schedules/schedule-book';
import { SchedulesModule } from '../schedules/schedules.module';
import { PipelineAnnouncer } from './pipeline-announcer';
import { PipelineCatalog } from './pipeline-catalog';
import { PipelinesController } from './pipelines.controller';
import { PlatformStream } from './platform-stream';
import { PlatformStreamModule } from './platform-stream.module';
import { yamlBody } from './yaml-body';

@Module({
  imports: [AuditModule, PlatformStreamModule, SchedulesModule],
  controllers: [PipelinesController],
  providers: [
    {
      provide: PipelineCatalog,
      useFactory: (ds: DataSource, audit: AuditLog, stream: PlatformStream, announcer: PipelineAnnouncer, schedules: ScheduleBook, logger: Logger) =>
        new PipelineCatalog(ds, audit, stream, announcer, schedules, logger),
      inject: [DataSource, AuditLog, PlatformStream, PipelineAnnouncer, ScheduleBook, LOGGER],
    },
  ],
  exports: [PipelineCatalog],
})
export class PipelinesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(yamlBody).forRoutes(PipelinesController);
  }
}
