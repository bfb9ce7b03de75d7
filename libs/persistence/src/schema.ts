/**
 * Everything TypeORM must know about the control-plane database, in one place. A new area
 * (pipelines, schedules, runs, results) adds its entities to ENTITIES and its migration, with a
 * later timestamp, to MIGRATIONS; nothing else needs editing.
 */
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { AuditEntryEntity } from './audit/audit-entry.entity';
import { IdentitySecretsAudit1764000000000 } from './migrations/1764000000000-identity-secrets-audit';
import { Results1764500000000 } from './migrations/1764500000000-results';
import { ResultEntity } from './results/result.entity';
import { SecretEntity } from './secrets/secret.entity';
import { TenantEntity } from './tenants/tenant.entity';
import { UserEntity } from './users/user.entity';

export const ENTITIES = [TenantEntity, UserEntity, ApiKeyEntity, SecretEntity, AuditEntryEntity, ResultEntity];

export const MIGRATIONS = [IdentitySecretsAudit1764000000000, Results1764500000000];
