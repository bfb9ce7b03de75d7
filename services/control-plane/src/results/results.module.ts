import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { DownloadSlots } from './download-slots';
import { ResultCatalog } from './result-catalog';
import { ResultsController } from './results.controller';

/** Downloads streaming at once, each holding one pooled connection (the pool has 10). */
const CONCURRENT_DOWNLOADS = 4;

@Module({
  controllers: [ResultsController],
  providers: [
    {
      provide: ResultCatalog,
      useFactory: (ds: DataSource, logger: Logger) => new ResultCatalog(ds, logger, new DownloadSlots(CONCURRENT_DOWNLOADS)),
      inject: [DataSource, LOGGER],
    },
  ],
  exports: [ResultCatalog],
})
export class ResultsModule {}
