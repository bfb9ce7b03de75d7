import type { DataSource } from 'typeorm';
import { TenantEntity } from '@tributary/persistence';
import type { AuditLog } from '../audit/audit-log';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/database-errors';
import type { Actor, Principal } from '../auth/principal';
import { PLATFORM_TENANT, type NewUser, type UserDirectory, type UserView } from '../users/user-directory';

export interface NewTenant {
  readonly id: string;
  readonly displayName: string;
  /** The tenant's first admin; without one nobody could manage it. */
  readonly admin: Omit<NewUser, 'role' | 'platformAdmin'>;
}

export interface TenantView {
  id: string;
  displayName: string;
  createdAt: string;
}

/** The platform's customers. Only platform admins create them; each gets a first admin. */
export class TenantDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserDirectory,
    private readonly audit: AuditLog,
  ) {}

  async exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(TenantEntity).existsBy({ id });
  }

  create(actor: Actor, input: NewTenant): Promise<{ tenant: TenantView; admin: UserView }> {
    if (input.id === PLATFORM_TENANT) throw new ApiError('conflict', `tenant id '${PLATFORM_TENANT}' is reserved`);
    return this.dataSource.transaction(async (manager) => {
      try {
        await manager.getRepository(TenantEntity).insert({ id: input.id, displayName: input.displayName });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ApiError('conflict', `tenant '${input.id}' already exists`);
        throw err;
      }
      const tenant = tenantView(await manager.getRepository(TenantEntity).findOneByOrFail({ id: input.id }));
      await this.audit.record(manager, actor, { tenantId: tenant.id, action: 'tenant.create', target: `tenant:${tenant.id}`, after: tenant });
      const admin = await this.users.insert(manager, actor, tenant.id, { ...input.admin, role: 'admin' });
      return { tenant, admin };
    });
  }

  /** Platform admins see every tenant; everyone else sees their own. */
  async list(caller: Principal): Promise<TenantView[]> {
    const tenants = this.dataSource.getRepository(TenantEntity);
    const rows = caller.platformAdmin ? await tenants.find({ order: { id: 'ASC' } }) : await tenants.findBy({ id: caller.tenantId });
    return rows.map(tenantView);
  }

  async get(id: string): Promise<TenantView> {
    const tenant = await this.dataSource.getRepository(TenantEntity).findOneBy({ id });
    if (!tenant) throw new ApiError('not-found', `no tenant '${id}'`);
    return tenantView(tenant);
  }

  update(actor: Actor, id: string, change: { displayName: string }): Promise<TenantView> {
    return this.dataSource.transaction(async (manager) => {
      const tenants = manager.getRepository(TenantEntity);
      const before = await tenants.findOneBy({ id });
      if (!before) throw new ApiError('not-found', `no tenant '${id}'`);
      await tenants.update({ id }, { displayName: change.displayName });
      const after = tenantView(await tenants.findOneByOrFail({ id }));
      await this.audit.record(manager, actor, { tenantId: id, action: 'tenant.update', target: `tenant:${id}`, before: tenantView(before), after });
      return after;
    });
  }
}

function tenantView(t: TenantEntity): TenantView {
  return { id: t.id, displayName: t.displayName, createdAt: t.createdAt.toISOString() };
}
