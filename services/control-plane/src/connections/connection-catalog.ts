import type { DataSource } from 'typeorm';
import { ConnectionEntity, SecretEntity, type ConnectionCheckRecord } from '@tributary/persistence';
import type { AuditLog } from '../audit/audit-log';
import type { Actor } from '../auth/principal';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/database-errors';
import type { ConnectionBody } from './connection-request';

export interface ConnectionView {
  name: string;
  connector: string;
  config: Record<string, unknown>;
  /** The secret it connects with, by name; its value is never part of a connection. */
  secretName: string | null;
  description: string | null;
  lastCheck: ConnectionCheckRecord | null;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A tenant's connections: which connector, with what config, through which secret. Every
 * change is audited in its own transaction; the secret is referred to by name and must exist
 * when the connection is written (it may be replaced or rotated afterwards without a change here).
 */
export class ConnectionCatalog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async list(tenantId: string): Promise<ConnectionView[]> {
    const rows = await this.dataSource.getRepository(ConnectionEntity).find({ where: { tenantId }, order: { name: 'ASC' } });
    return rows.map(connectionView);
  }

  async get(tenantId: string, name: string): Promise<ConnectionView> {
    return connectionView(await this.row(tenantId, name));
  }

  /** The stored row, for the probe that checks it. */
  async row(tenantId: string, name: string): Promise<ConnectionEntity> {
    const row = await this.dataSource.getRepository(ConnectionEntity).findOneBy({ tenantId, name });
    if (!row) throw new ApiError('not-found', `no connection '${name}' in tenant '${tenantId}'`);
    return row;
  }

  /** Creates or replaces `name`. */
  write(actor: Actor, tenantId: string, name: string, body: ConnectionBody): Promise<ConnectionView & { created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const secretName = body.secretName ?? null;
      if (secretName !== null && !(await manager.getRepository(SecretEntity).existsBy({ tenantId, name: secretName }))) {
        throw new ApiError('invalid', 'the request body is invalid', [
          { path: 'body.secretName', message: `no secret '${secretName}' in tenant '${tenantId}'; store it first (PUT /tenants/${tenantId}/secrets/${secretName})` },
        ]);
      }
      const connections = manager.getRepository(ConnectionEntity);
      const existing = await connections.findOne({ where: { tenantId, name }, lock: { mode: 'pessimistic_write' } });
      const fields = { connector: body.connector, config: body.config, secretName, description: body.description ?? null, updatedBy: actor.label };
      if (existing) {
        // A new connector, config or secret makes the last check's outcome meaningless.
        await connections.update({ id: existing.id }, { ...fields, lastCheck: null });
      } else {
        await connections.insert({ tenantId, name, ...fields, createdBy: actor.label }).catch(concurrentCreate);
      }
      const after = connectionView(await connections.findOneByOrFail({ tenantId, name }));
      await this.audit.record(manager, actor, {
        tenantId,
        action: 'connection.write',
        target: `connection:${name}`,
        before: existing ? auditImage(connectionView(existing)) : undefined,
        after: auditImage(after),
      });
      return { ...after, created: !existing };
    });
  }

  remove(actor: Actor, tenantId: string, name: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const connections = manager.getRepository(ConnectionEntity);
      const existing = await connections.findOneBy({ tenantId, name });
      if (!existing) throw new ApiError('not-found', `no connection '${name}' in tenant '${tenantId}'`);
      await connections.delete({ id: existing.id });
      await this.audit.record(manager, actor, { tenantId, action: 'connection.delete', target: `connection:${name}`, before: auditImage(connectionView(existing)) });
    });
  }

  /** Keeps a check's outcome. Not a change of the connection: no audit entry, `updatedAt` stays. */
  async recordCheck(id: string, record: ConnectionCheckRecord): Promise<void> {
    await this.dataSource.query('UPDATE connections SET last_check = $1 WHERE id = $2', [JSON.stringify(record), id]);
  }
}

/** Two first writes of one name raced; the loser's transaction is void and may simply retry. */
function concurrentCreate(err: unknown): never {
  if (isUniqueViolation(err)) throw new ApiError('conflict', 'the connection was created concurrently; write it again');
  throw err;
}

/** What the audit log keeps: the definition, not the last check (which is not a change). */
function auditImage(view: ConnectionView): Omit<ConnectionView, 'lastCheck' | 'createdAt' | 'createdBy'> {
  const { lastCheck: _lastCheck, createdAt: _createdAt, createdBy: _createdBy, ...definition } = view;
  return definition;
}

export function connectionView(row: ConnectionEntity): ConnectionView {
  return {
    name: row.name,
    connector: row.connector,
    config: row.config as Record<string, unknown>,
    secretName: row.secretName,
    description: row.description,
    lastCheck: row.lastCheck,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
