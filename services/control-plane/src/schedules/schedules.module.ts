import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { CONFIG, LOGGER } from '../app/tokens';
import { AuditLog } from '../audit/audit-log';
import { AuditModule } from '../audit/audit.module';
import type { ControlPlaneConfig } from '../config/control-plane-config';
import { PipelineAnnouncer } from '../pipelines/pipeline-announcer';
import { PlatformStreamModule } from '../pipelines/platform-stream.module';
import { RunRequestOutbox } from '../runs/run-requests';
import { ScheduleBook } from './schedule-book';
import { Scheduler } from './scheduler';
import { SchedulesController } from './schedules.controller';

/**
 * Schedules and the scheduler. The scheduler runs inside every control-plane instance (with
 * Kafka configured and TRIBUTARY_SCHEDULER not 'off'); the advisory-lock leader among them fires.
 */
@Module({
  imports: [AuditModule, PlatformStreamModule],
  controllers: [SchedulesController],
  providers: [
    { provide: ScheduleBook, useFactory: (ds: DataSource, audit: AuditLog) => new ScheduleBook(ds, audit), inject: [DataSource, AuditLog] },
    {
      provide: Scheduler,
      useFactory: (ds: DataSource, config: ControlPlaneConfig, outbox: RunRequestOutbox, announcer: PipelineAnnouncer, logger: Logger) =>
        new Scheduler({
          // openDatabase always connects by URL (the embedded database's too)
          databaseUrl: (ds.options as { url?: string }).url!,
          outbox,
          announcements: announcer,
          logger,
          tickMs: config.stream.scheduler.tickMs,
          name: `${hostname()}:${process.pid}`,
        }),
      inject: [DataSource, CONFIG, RunRequestOutbox, PipelineAnnouncer, LOGGER],
    },
  ],
  exports: [ScheduleBook, Scheduler],
})
export class SchedulesModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(Scheduler) private readonly scheduler: Scheduler,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.stream.kafka && this.config.stream.scheduler.enabled) this.scheduler.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler.stop();
  }
}
