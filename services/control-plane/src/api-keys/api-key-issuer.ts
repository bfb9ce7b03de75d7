import type { DataSource } from 'typeorm';
import { ApiKeyEntity } from '@tributary/persistence';
import { generateApiKey, type Role } from '@tributary/security';
import type { AuditLog } from '../audit/audit-log';
import { ApiError } from '../common/api-error';
import type { Principal } from '../auth/principal';

export interface NewApiKey {
  readonly name: string;
  readonly role: Role;
  readonly expiresAt?: Date;
}

export interface ApiKeyView {
  keyId: string;
  name: string;
  role: string;
  status: 'active' | 'expired' | 'revoked';
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/**
 * A tenant's machine credentials. The token is returned once, at creation; only its hash is
 * stored, so a lost token is replaced, never recovered.
 */
export class ApiKeyIssuer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(actor: Principal, tenantId: string, input: NewApiKey): Promise<ApiKeyView & { token: string }> {
    if (input.expiresAt && input.expiresAt <= this.now()) {
      throw new ApiError('invalid', 'the request body is invalid', [{ path: 'body.expiresAt', message: 'must be in the future' }]);
    }
    const { keyId, token, hash } = generateApiKey();
    return this.dataSource.transaction(async (manager) => {
      const keys = manager.getRepository(ApiKeyEntity);
      await keys.insert({
        keyId,
        tenantId,
        name: input.name,
        hash,
        role: input.role,
        createdBy: actor.label,
        expiresAt: input.expiresAt ?? null,
      });
      const created = this.view(await keys.findOneByOrFail({ keyId }));
      await this.audit.record(manager, actor, { tenantId, action: 'apikey.create', target: `apikey:${keyId}`, after: created });
      return { ...created, token };
    });
  }

  async list(tenantId: string): Promise<ApiKeyView[]> {
    const keys = await this.dataSource.getRepository(ApiKeyEntity).find({ where: { tenantId }, order: { createdAt: 'DESC' } });
    return keys.map((k) => this.view(k));
  }

  /** Revoking twice is harmless; the first revocation time stays. */
  revoke(actor: Principal, tenantId: string, keyId: string): Promise<ApiKeyView> {
    return this.dataSource.transaction(async (manager) => {
      const keys = manager.getRepository(ApiKeyEntity);
      const key = await keys.findOneBy({ keyId, tenantId });
      if (!key) throw new ApiError('not-found', `no API key '${keyId}' in tenant '${tenantId}'`);
      if (key.revokedAt) return this.view(key);
      const before = this.view(key);
      await keys.update({ id: key.id }, { revokedAt: this.now() });
      const after = this.view(await keys.findOneByOrFail({ id: key.id }));
      await this.audit.record(manager, actor, { tenantId, action: 'apikey.revoke', target: `apikey:${keyId}`, before, after });
      return after;
    });
  }

  private view(k: ApiKeyEntity): ApiKeyView {
    const status = k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= this.now() ? 'expired' : 'active';
    return {
      keyId: k.keyId,
      name: k.name,
      role: k.role,
      status,
      createdBy: k.createdBy,
      createdAt: k.createdAt.toISOString(),
      expiresAt: k.expiresAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    };
  }
}
