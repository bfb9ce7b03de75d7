import { Module, type DynamicModule } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ConnectionsModule } from '../connections/connections.module';
import { HealthModule } from '../health/health.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { ReplayModule } from '../replay/replay.module';
import { RunsModule } from '../runs/runs.module';
import { SchedulesModule } from '../schedules/schedules.module';
import { ResultsModule } from '../results/results.module';
import { SecretsModule } from '../secrets/secrets.module';
import { TenantsModule } from '../tenants/tenants.module';
import { UsersModule } from '../users/users.module';
import { CoreModule, type CoreValues } from './core.module';

/** Pipelines and what runs them: versions, schedules and the scheduler, runs and their readers, replay. */
const PIPELINE_AREAS = [PipelinesModule, SchedulesModule, RunsModule, ReplayModule];

/**
 * One feature module per area. A new area (pipelines, schedules, runs, results) is a folder
 * with its module, controller and plain logic classes, added to FEATURES.
 */
const FEATURES = [AuthModule, TenantsModule, UsersModule, ApiKeysModule, SecretsModule, ConnectionsModule, AuditModule, ...PIPELINE_AREAS, ResultsModule, HealthModule, MetricsModule];

@Module({})
export class AppModule {
  static register(core: CoreValues): DynamicModule {
    return { module: AppModule, imports: [CoreModule.register(core), ...FEATURES] };
  }
}
