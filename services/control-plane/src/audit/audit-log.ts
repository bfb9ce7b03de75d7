import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { AuditEntryEntity } from '@tributary/persistence';
import { redact } from '@tributary/security';
import type { Actor } from '../auth/principal';

export interface AuditChange {
  /** Null for platform-level changes that belong to no tenant. */
  readonly tenantId: string | null;
  /** `<area>.<verb>`, e.g. `secret.write`. */
  readonly action: string;
  /** `<kind>:<name or id>`, e.g. `secret:acme-erp`. */
  readonly target: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AuditFilter {
  /** Undefined: every tenant (platform admins only). */
  readonly tenantId?: string;
  readonly action?: string;
  /** Matches the actor's id or label (user id or email, API key id or name). */
  readonly actor?: string;
  readonly target?: string;
  readonly since?: Date;
  readonly until?: Date;
  readonly limit: number;
  /** Entries older than this entry id (the previous page's nextCursor). */
  readonly cursor?: string;
}

export interface AuditView {
  id: string;
  tenant: string | null;
  actor: { kind: string; id: string; label: string };
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  at: string;
}

/**
 * The append-only record of every change. Writers pass their transaction's EntityManager, so an
 * entry exists exactly when its change was committed. Before/after images are redacted here,
 * whatever the caller passed.
 */
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: Actor, change: AuditChange): Promise<void> {
    await manager.getRepository(AuditEntryEntity).insert({
      tenantId: change.tenantId,
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
      action: change.action,
      target: change.target,
      before: change.before === undefined ? null : jsonImage(change.before),
      after: change.after === undefined ? null : jsonImage(change.after),
    });
  }

  /** Newest first, a page at a time. */
  async query(filter: AuditFilter): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    const q = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('e');
    if (filter.tenantId !== undefined) q.andWhere('e.tenant_id = :tenant', { tenant: filter.tenantId });
    if (filter.action) q.andWhere('e.action = :action', { action: filter.action });
    if (filter.target) q.andWhere('e.target = :target', { target: filter.target });
    if (filter.actor) {
      q.andWhere(new Brackets((b) => b.where('e.actor_id = :actor', { actor: filter.actor }).orWhere('e.actor_label = :actor')));
    }
    if (filter.since) q.andWhere('e.at >= :since', { since: filter.since });
    if (filter.until) q.andWhere('e.at < :until', { until: filter.until });
    if (filter.cursor) q.andWhere('e.id < :cursor', { cursor: filter.cursor });
    const rows = await q.orderBy('e.id', 'DESC').limit(filter.limit + 1).getMany();
    const page = rows.slice(0, filter.limit);
    return { items: page.map(view), nextCursor: rows.length > filter.limit ? page[page.length - 1].id : null };
  }
}

/**
 * Redacted and reduced to what JSON keeps, so the stored image equals what is read back; a
 * bare scalar is wrapped as `{ value }` so every image is an object.
 */
function jsonImage(value: unknown): object | null {
  const json: unknown = JSON.parse(JSON.stringify(redact(value)) ?? 'null');
  return json === null || typeof json === 'object' ? json : { value: json };
}

function view(e: AuditEntryEntity): AuditView {
  return {
    id: e.id,
    tenant: e.tenantId,
    actor: { kind: e.actorKind, id: e.actorId, label: e.actorLabel },
    action: e.action,
    target: e.target,
    before: e.before,
    after: e.after,
    at: e.at.toISOString(),
  };
}
