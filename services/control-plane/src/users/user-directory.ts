import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { LoginSessionEntity, UserEntity } from '@tributary/persistence';
import { hashPassword, type Role } from '@tributary/security';
import type { AuditLog } from '../audit/audit-log';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/database-errors';
import type { Actor } from '../auth/principal';

/** The tenant that platform admins belong to; no customer may take this id. */
export const PLATFORM_TENANT = 'platform';

export interface NewUser {
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  readonly platformAdmin?: boolean;
}

export interface UserChange {
  readonly role?: Role;
  readonly password?: string;
}

export interface UserView {
  id: string;
  email: string;
  tenant: string;
  role: string;
  platformAdmin: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Users of a tenant: who they are and what role they hold. Password hashes never leave. */
export class UserDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(tenantId: string): Promise<UserView[]> {
    const users = await this.dataSource.getRepository(UserEntity).find({ where: { tenantId }, order: { email: 'ASC' } });
    return users.map(userView);
  }

  create(actor: Actor, tenantId: string, input: NewUser): Promise<UserView> {
    return this.dataSource.transaction((manager) => this.insert(manager, actor, tenantId, input));
  }

  /** Inside the caller's transaction: tenant creation adds its first admin with this. */
  async insert(manager: EntityManager, actor: Actor, tenantId: string, input: NewUser): Promise<UserView> {
    if (input.platformAdmin && !actsForPlatform(actor)) throw new ApiError('forbidden', 'only a platform admin may create platform admins');
    if (input.platformAdmin && tenantId !== PLATFORM_TENANT) {
      throw new ApiError('invalid', `platform admins belong to the '${PLATFORM_TENANT}' tenant`, [
        { path: 'body.platformAdmin', message: `only allowed in tenant '${PLATFORM_TENANT}'` },
      ]);
    }
    const row = manager.getRepository(UserEntity).create({
      tenantId,
      email: input.email.toLowerCase(),
      passwordHash: await hashPassword(input.password),
      role: input.role,
      platformAdmin: input.platformAdmin ?? false,
    });
    try {
      await manager.getRepository(UserEntity).insert(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new ApiError('conflict', `a user with email '${row.email}' already exists`);
      throw err;
    }
    const created = userView(await manager.getRepository(UserEntity).findOneByOrFail({ id: row.id }));
    await this.audit.record(manager, actor, { tenantId, action: 'user.create', target: `user:${created.id}`, after: created });
    return created;
  }

  update(actor: Actor, tenantId: string, userId: string, change: UserChange): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(UserEntity);
      const user = await this.find(manager, actor, tenantId, userId);
      const before = userView(user);
      if (change.role && change.role !== 'admin' && user.role === 'admin') await this.keepOneAdmin(manager, tenantId, userId);
      await users.update(
        { id: userId },
        { ...(change.role ? { role: change.role } : {}), ...(change.password ? { passwordHash: await hashPassword(change.password) } : {}) },
      );
      // A new password ends the user's login sessions: whoever knew the old one keeps no way in.
      if (change.password) await manager.getRepository(LoginSessionEntity).update({ userId, endedAt: IsNull() }, { endedAt: new Date() });
      const after = userView(await users.findOneByOrFail({ id: userId }));
      // The password itself is never in an image; that it changed is (a key named like
      // "passwordChanged" would itself be redacted, hence the list of field names).
      const changed = Object.keys(change).filter((field) => change[field as keyof UserChange] !== undefined);
      await this.audit.record(manager, actor, { tenantId, action: 'user.update', target: `user:${userId}`, before, after: { ...after, changed } });
      return after;
    });
  }

  remove(actor: Actor, tenantId: string, userId: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.find(manager, actor, tenantId, userId);
      if (user.role === 'admin') await this.keepOneAdmin(manager, tenantId, userId);
      await manager.getRepository(UserEntity).delete({ id: userId });
      await this.audit.record(manager, actor, { tenantId, action: 'user.delete', target: `user:${userId}`, before: userView(user) });
    });
  }

  /** The user to change; platform admins can be changed only by platform admins. */
  private async find(manager: EntityManager, actor: Actor, tenantId: string, userId: string): Promise<UserEntity> {
    const user = await manager.getRepository(UserEntity).findOneBy({ id: userId, tenantId });
    if (!user) throw new ApiError('not-found', `no user '${userId}' in tenant '${tenantId}'`);
    if (user.platformAdmin && !actsForPlatform(actor)) throw new ApiError('forbidden', 'only a platform admin may change a platform admin');
    return user;
  }

  /** A tenant without an admin could never manage itself again. */
  private async keepOneAdmin(manager: EntityManager, tenantId: string, leavingUserId: string): Promise<void> {
    // Row locks (no FOR UPDATE on an aggregate), so two admins demoting each other serialise.
    const admins = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.tenant_id = :tenantId AND u.role = :role AND u.id <> :leavingUserId', { tenantId, role: 'admin', leavingUserId })
      .getMany();
    if (admins.length === 0) throw new ApiError('conflict', `this is the last admin of tenant '${tenantId}'; make another user admin first`);
  }
}

function actsForPlatform(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.platformAdmin);
}

export function userView(u: UserEntity): UserView {
  return {
    id: u.id,
    email: u.email,
    tenant: u.tenantId,
    role: u.role,
    platformAdmin: u.platformAdmin,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
