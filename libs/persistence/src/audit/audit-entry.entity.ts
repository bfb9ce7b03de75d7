import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change: who (actor), what (action on target), when (at), and the target's state before
 * and after, already redacted by the writer. Rows are only ever inserted.
 */
@Entity({ name: 'audit_log' })
export class AuditEntryEntity {
  /** bigint comes back from pg as a string; kept so to avoid precision loss past 2^53. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** Null for platform-level changes that belong to no tenant (e.g. the bootstrap admin). */
  @Column({ name: 'tenant_id', type: 'text', nullable: true })
  tenantId!: string | null;

  /** 'user' | 'api_key' | 'system' */
  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: string;

  /** User id, API key id, or the name of the system task. */
  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  /** What a reader recognises: the user's email or the API key's name. */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  /** `<area>.<verb>`, e.g. `secret.write`, `apikey.revoke`. */
  @Column({ type: 'text' })
  action!: string;

  /** What was changed, e.g. `secret:acme-erp`, `user:<id>`. */
  @Column({ type: 'text' })
  target!: string;

  /** A JSON object or array (scalars are wrapped by the writer); null when there was none. */
  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
