import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type PipelineStatus = 'active' | 'paused' | 'deleted';
/** What was last done to the pipeline: what `_tributary.pipelines` announces. */
export type PipelineAction = 'applied' | 'paused' | 'resumed' | 'deleted';

/**
 * A tenant's pipeline: its name (part of its topic names, so it never changes), its state and
 * which version of its spec is current. The specs themselves are PipelineVersionEntity rows.
 */
@Entity({ name: 'pipelines' })
export class PipelineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  status!: PipelineStatus;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion!: number;

  @Column({ name: 'last_action', type: 'text' })
  lastAction!: PipelineAction;

  /** True until the last change was published on `_tributary.pipelines`. */
  @Column({ name: 'announce_pending', type: 'boolean', default: true })
  announcePending!: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
