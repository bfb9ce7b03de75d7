import { Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { CONFIG, LOGGER } from '../app/tokens';
import type { ControlPlaneConfig } from '../config/control-plane-config';
import { RunRequestOutbox } from '../runs/run-requests';
import { PipelineAnnouncer } from './pipeline-announcer';
import { PlatformStream } from './platform-stream';

/**
 * The Kafka side shared by pipelines, schedules, runs and replay: the connection, the pipeline
 * announcer and the run-request outbox. Closed after every module's onModuleDestroy, so the
 * scheduler and consumers stop before the connection goes.
 */
@Module({
  providers: [
    {
      provide: PlatformStream,
      useFactory: (config: ControlPlaneConfig, logger: Logger) => new PlatformStream(config.stream.kafka, logger),
      inject: [CONFIG, LOGGER],
    },
    {
      provide: PipelineAnnouncer,
      useFactory: (stream: PlatformStream, ds: DataSource, logger: Logger) => new PipelineAnnouncer(stream, ds, logger),
      inject: [PlatformStream, DataSource, LOGGER],
    },
    {
      provide: RunRequestOutbox,
      useFactory: (stream: PlatformStream, ds: DataSource, logger: Logger) => new RunRequestOutbox(stream, ds, logger),
      inject: [PlatformStream, DataSource, LOGGER],
    },
  ],
  exports: [PlatformStream, PipelineAnnouncer, RunRequestOutbox],
})
export class PlatformStreamModule implements BeforeApplicationShutdown {
  constructor(@Inject(PlatformStream) private readonly stream: PlatformStream) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.stream.close();
  }
}
