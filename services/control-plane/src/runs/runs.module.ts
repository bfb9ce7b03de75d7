import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { AuditLog } from '../audit/audit-log';
import { AuditModule } from '../audit/audit.module';
import { PipelineAnnouncer } from '../pipelines/pipeline-announcer';
import { PlatformStream } from '../pipelines/platform-stream';
import { PlatformStreamModule } from '../pipelines/platform-stream.module';
import { errorSampleHandler, errorTopics } from './error-sample-reader';
import { RunDrainWatch } from './run-drain-watch';
import { RunEventApplier } from './run-event-applier';
import { runEventHandler, runEventTopics } from './run-event-reader';
import { RunLedger } from './run-ledger';
import { RunRequestOutbox } from './run-requests';
import { RunsController } from './runs.controller';
import { TopicConsumer } from './topic-consumer';

/** Consumer groups of the control plane's readers; instances share them. */
export const RUN_EVENTS_GROUP = '_tributary.control-plane.run-events';
export const ERROR_SAMPLES_GROUP = '_tributary.control-plane.error-samples';

/** Runs, the two readers that keep them current (run events, error samples), and the watch that finishes them. */
@Module({
  imports: [AuditModule, PlatformStreamModule],
  controllers: [RunsController],
  providers: [
    {
      provide: RunLedger,
      useFactory: (ds: DataSource, audit: AuditLog, stream: PlatformStream, outbox: RunRequestOutbox) => new RunLedger(ds, audit, stream, outbox),
      inject: [DataSource, AuditLog, PlatformStream, RunRequestOutbox],
    },
  ],
  exports: [RunLedger],
})
export class RunsModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly readers: TopicConsumer[] = [];
  private drainWatch: RunDrainWatch | undefined;

  constructor(
    @Inject(PlatformStream) private readonly stream: PlatformStream,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PipelineAnnouncer) private readonly announcer: PipelineAnnouncer,
  ) {}

  onApplicationBootstrap(): void {
    const { kafka, codec } = this.stream;
    if (!kafka || !codec) return;
    const admin = () => this.stream.admin();
    const errors = new TopicConsumer({ kafka, groupId: ERROR_SAMPLES_GROUP, topics: errorTopics(admin), handle: errorSampleHandler(codec, this.dataSource, this.logger), logger: this.logger });
    this.readers.push(
      new TopicConsumer({ kafka, groupId: RUN_EVENTS_GROUP, topics: runEventTopics(admin), handle: runEventHandler(codec, new RunEventApplier(this.dataSource), this.logger), logger: this.logger }),
      errors,
    );
    // A pipeline applied here has a new errors topic: read it now rather than at the next poll.
    this.announcer.onChange((change) => change.action === 'applied' && void errors.refresh().catch(() => undefined));
    for (const reader of this.readers) reader.start();
    this.drainWatch = new RunDrainWatch(this.dataSource, admin, this.logger);
    this.drainWatch.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.drainWatch?.stop();
    await Promise.all(this.readers.map((reader) => reader.stop()));
  }
}
