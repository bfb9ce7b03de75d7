/**
 * Everything TypeORM must know about the control-plane database, in one place. A new area
 * (pipelines, schedules, runs, results) adds its entities to ENTITIES and its migration, with a
 * later timestamp, to MIGRATIONS; nothing else needs editing.
 */
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { AuditEntryEntity } from './audit/audit-entry.entity';
import { ConnectionEntity } from './connections/connection.entity';
import { IdentitySecretsAudit1764000000000 } from './migrations/1764000000000-identity-secrets-audit';
import { Connections1764720000000 } from './migrations/1764720000000-connections';
import { PipelinesSchedulesRuns1764600000000 } from './migrations/1764600000000-pipelines-schedules-runs';
import { RunDrain1764800000000 } from './migrations/1764800000000-run-drain';
import { RunStageReporters1764810000000 } from './migrations/1764810000000-run-stage-reporters';
import { RunQualityStates1764820000000 } from './migrations/1764820000000-run-quality-states';
import { RunStageFiltered1764830000000 } from './migrations/1764830000000-run-stage-filtered';
import { LoginSessions1764840000000 } from './migrations/1764840000000-login-sessions';
import { PipelineEntity } from './pipelines/pipeline.entity';
import { PipelineVersionEntity } from './pipelines/pipeline-version.entity';
import { RunErrorSampleEntity } from './runs/run-error-sample.entity';
import { RunEventEntity } from './runs/run-event.entity';
import { RunStageCountEntity } from './runs/run-stage-count.entity';
import { RunEntity } from './runs/run.entity';
import { ScheduleEntity } from './schedules/schedule.entity';
import { Results1764500000000 } from './migrations/1764500000000-results';
import { ResultEntity } from './results/result.entity';
import { SecretEntity } from './secrets/secret.entity';
import { TenantEntity } from './tenants/tenant.entity';
import { UserEntity } from './users/user.entity';
import { LoginSessionEntity } from './users/login-session.entity';

/** Pipelines and their versions, schedules, runs. */
const PIPELINE_RUN_ENTITIES = [PipelineEntity, PipelineVersionEntity, ScheduleEntity, RunEntity, RunStageCountEntity, RunEventEntity, RunErrorSampleEntity];

export const ENTITIES = [TenantEntity, UserEntity, LoginSessionEntity, ApiKeyEntity, SecretEntity, ConnectionEntity, AuditEntryEntity, ResultEntity, ...PIPELINE_RUN_ENTITIES];

export const MIGRATIONS = [IdentitySecretsAudit1764000000000, Results1764500000000, PipelinesSchedulesRuns1764600000000, Connections1764720000000, RunDrain1764800000000, RunStageReporters1764810000000, RunQualityStates1764820000000, RunStageFiltered1764830000000, LoginSessions1764840000000];
