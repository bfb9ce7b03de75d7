export { openDatabase, migrate, type Database, type DatabaseOptions } from './database';
export { EmbeddedPostgres } from './embedded-postgres';
export { ENTITIES, MIGRATIONS } from './schema';
export { TenantEntity } from './tenants/tenant.entity';
export { UserEntity } from './users/user.entity';
export { ApiKeyEntity } from './api-keys/api-key.entity';
export { SecretEntity } from './secrets/secret.entity';
export { AuditEntryEntity } from './audit/audit-entry.entity';
export { createScratchDatabase, TEST_DATABASE_URL, type ScratchDatabase } from './scratch-database';
