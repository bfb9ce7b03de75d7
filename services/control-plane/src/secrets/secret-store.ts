import type { DataSource } from 'typeorm';
import { SecretEntity } from '@tributary/persistence';
import { SecretOpenError, type SecretBox } from '@tributary/security';
import type { AuditLog } from '../audit/audit-log';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/database-errors';
import type { Actor } from '../auth/principal';

export interface SecretView {
  name: string;
  keyId: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface RotationReport {
  currentKeyId: string;
  rotated: number;
  failed: { tenant: string; name: string; reason: string }[];
}

/**
 * Connection credentials, sealed with AES-256-GCM before they are stored and bound to
 * `<tenant>/<name>` so a sealed value copied to another row does not open. Write-only through
 * the API: views carry names and metadata, never values; `open` is for the connector runtime.
 */
export class SecretStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    /** The keyring's current key id: what rotation reseals towards. */
    private readonly currentKeyId: string,
    private readonly audit: AuditLog,
  ) {}

  async list(tenantId: string): Promise<SecretView[]> {
    const rows = await this.dataSource.getRepository(SecretEntity).find({ where: { tenantId }, order: { name: 'ASC' } });
    return rows.map(secretView);
  }

  /** Creates or replaces the value of `name`. */
  write(actor: Actor, tenantId: string, name: string, value: string): Promise<SecretView & { created: boolean }> {
    const sealed = this.box.seal(value, context(tenantId, name));
    const keyId = this.box.keyIdOf(sealed);
    return this.dataSource.transaction(async (manager) => {
      const secrets = manager.getRepository(SecretEntity);
      const existing = await secrets.findOne({ where: { tenantId, name }, lock: { mode: 'pessimistic_write' } });
      if (existing) await secrets.update({ id: existing.id }, { sealed, keyId, updatedBy: actor.label });
      else await secrets.insert({ tenantId, name, sealed, keyId, updatedBy: actor.label }).catch(concurrentCreate);
      const after = secretView(await secrets.findOneByOrFail({ tenantId, name }));
      await this.audit.record(manager, actor, {
        tenantId,
        action: 'secret.write',
        target: `secret:${name}`,
        before: existing ? secretView(existing) : undefined,
        after,
      });
      return { ...after, created: !existing };
    });
  }

  remove(actor: Actor, tenantId: string, name: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const secrets = manager.getRepository(SecretEntity);
      const existing = await secrets.findOneBy({ tenantId, name });
      if (!existing) throw new ApiError('not-found', `no secret '${name}' in tenant '${tenantId}'`);
      await secrets.delete({ id: existing.id });
      await this.audit.record(manager, actor, { tenantId, action: 'secret.delete', target: `secret:${name}`, before: secretView(existing) });
    });
  }

  /** The plaintext, for the process that runs the tenant's connector. Never for an HTTP answer. */
  async open(tenantId: string, name: string): Promise<string> {
    const row = await this.dataSource.getRepository(SecretEntity).findOneBy({ tenantId, name });
    if (!row) throw new ApiError('not-found', `no secret '${name}' in tenant '${tenantId}'`);
    return this.box.open(row.sealed, context(tenantId, name));
  }

  /**
   * Reseals every value not under the current master key, one row per transaction (a long
   * rotation never holds one big lock), with one audit entry per tenant touched. A value that
   * cannot be opened (its key was dropped from the keyring too early) is reported, not fatal.
   */
  async rotateAll(actor: Actor): Promise<RotationReport> {
    const currentKeyId = this.currentKeyId;
    const report: RotationReport = { currentKeyId, rotated: 0, failed: [] };
    const perTenant = new Map<string, string[]>();
    const stale = await this.dataSource
      .getRepository(SecretEntity)
      .createQueryBuilder('s')
      .select(['s.id', 's.tenantId', 's.name'])
      .where('s.key_id <> :currentKeyId', { currentKeyId })
      .orderBy('s.tenant_id')
      .addOrderBy('s.name')
      .getMany();
    for (const { id, tenantId, name } of stale) {
      try {
        await this.dataSource.transaction(async (manager) => {
          const secrets = manager.getRepository(SecretEntity);
          const row = await secrets.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
          if (!row || !this.box.needsRotation(row.sealed)) return;
          const sealed = this.box.reseal(row.sealed, context(tenantId, name));
          await secrets.update({ id }, { sealed, keyId: currentKeyId });
          report.rotated++;
          perTenant.set(tenantId, [...(perTenant.get(tenantId) ?? []), name]);
        });
      } catch (err) {
        if (!(err instanceof SecretOpenError)) throw err;
        report.failed.push({ tenant: tenantId, name, reason: err.message });
      }
    }
    await this.dataSource.transaction(async (manager) => {
      for (const [tenantId, names] of perTenant) {
        await this.audit.record(manager, actor, { tenantId, action: 'secret.rotate', target: 'secrets', after: { currentKeyId, names } });
      }
    });
    return report;
  }
}

/** Two first writes of one name raced; the loser's transaction is void and may simply retry. */
function concurrentCreate(err: unknown): never {
  if (isUniqueViolation(err)) throw new ApiError('conflict', 'the secret was created concurrently; write it again');
  throw err;
}

function context(tenantId: string, name: string): string {
  return `${tenantId}/${name}`;
}

function secretView(s: SecretEntity): SecretView {
  return { name: s.name, keyId: s.keyId, updatedBy: s.updatedBy, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}
