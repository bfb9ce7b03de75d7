import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The outcome of the last `check` of a connection, kept so a list shows which ones work. */
export interface ConnectionCheckRecord {
  readonly ok: boolean;
  /** A ConnectorFailureCode when not ok. */
  readonly code?: string;
  /** The connector's reason (it never holds a secret), when not ok. */
  readonly message?: string;
  readonly latencyMs: number;
  readonly at: string;
}

/**
 * A tenant's named binding of a source connector to its config and to the secret it connects
 * with. The secret is referred to by name (as a pipeline's `source.connection.secret` does),
 * never copied here: its value stays sealed in `secrets`.
 */
@Entity({ name: 'connections' })
export class ConnectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** A registered source connector's name (`postgres`, `mysql`, `file`). */
  @Column({ type: 'text' })
  connector!: string;

  /** The connector's config as its schema parsed it (defaults filled in). */
  @Column({ type: 'jsonb' })
  config!: object;

  @Column({ name: 'secret_name', type: 'text', nullable: true })
  secretName!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'last_check', type: 'jsonb', nullable: true })
  lastCheck!: ConnectionCheckRecord | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
