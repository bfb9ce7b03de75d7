import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Database } from '@tributary/persistence';
import { SecretBox } from '@tributary/security';
import type { ControlPlaneConfig } from '../config/control-plane-config';
import { ControlPlaneMetrics } from '../metrics/control-plane-metrics';
import { CONFIG, DATABASE, LOGGER } from './tokens';

export interface CoreValues {
  readonly config: ControlPlaneConfig;
  readonly database: Database;
  readonly logger: Logger;
  readonly metrics: ControlPlaneMetrics;
}

/**
 * What every feature module may inject: config, the open database (and its DataSource), the
 * logger, the metrics registry and the SecretBox over the configured keyring.
 */
@Global()
@Module({})
export class CoreModule {
  static register(values: CoreValues): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: values.config },
      { provide: DATABASE, useValue: values.database },
      { provide: DataSource, useValue: values.database.dataSource },
      { provide: LOGGER, useValue: values.logger },
      { provide: ControlPlaneMetrics, useValue: values.metrics },
      { provide: SecretBox, useValue: new SecretBox(values.config.keyring) },
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}
