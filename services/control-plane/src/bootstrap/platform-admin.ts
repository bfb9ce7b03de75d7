import type { DataSource } from 'typeorm';
import { TenantEntity, UserEntity } from '@tributary/persistence';
import type { AuditLog } from '../audit/audit-log';
import type { Actor } from '../auth/principal';
import { PLATFORM_TENANT, type UserDirectory } from '../users/user-directory';

/** Serialises two instances bootstrapping one database; any fixed number will do. */
const BOOTSTRAP_LOCK = 5_470_002;

const BOOTSTRAP_ACTOR: Actor = { kind: 'system', id: 'bootstrap', label: 'TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL' };

/**
 * On first start there is nobody to log in as: create the platform admin named by
 * TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL/PASSWORD, in the reserved platform tenant, unless a platform
 * admin already exists (so later changes to the variables never reset anyone's password).
 */
export async function bootstrapPlatformAdmin(
  dataSource: DataSource,
  users: UserDirectory,
  audit: AuditLog,
  admin: { email: string; password: string },
): Promise<'created' | 'exists'> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
    if (await manager.getRepository(UserEntity).existsBy({ platformAdmin: true })) return 'exists';
    const tenants = manager.getRepository(TenantEntity);
    if (!(await tenants.existsBy({ id: PLATFORM_TENANT }))) {
      await tenants.insert({ id: PLATFORM_TENANT, displayName: 'Platform operators' });
      await audit.record(manager, BOOTSTRAP_ACTOR, {
        tenantId: PLATFORM_TENANT,
        action: 'tenant.create',
        target: `tenant:${PLATFORM_TENANT}`,
        after: { id: PLATFORM_TENANT },
      });
    }
    await users.insert(manager, BOOTSTRAP_ACTOR, PLATFORM_TENANT, { ...admin, role: 'admin', platformAdmin: true });
    return 'created';
  });
}
