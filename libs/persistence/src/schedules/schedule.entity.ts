import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** What the scheduler does with fire times it missed (it was down, or the leader changed hands). */
export type CatchUpPolicy = 'none' | 'last' | 'all';

/**
 * A pipeline's cron schedule (at most one per pipeline). `origin` says who owns it: 'spec' when it
 * comes from the pipeline document's `source.schedule` (applying a document without one removes
 * it), 'api' when it was set through the schedules API.
 */
@Entity({ name: 'schedules' })
export class ScheduleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'pipeline_id', type: 'uuid' })
  pipelineId!: string;

  @Column({ type: 'text' })
  cron!: string;

  /** An IANA time zone ('Europe/Berlin'); the cron fields are read as that zone's wall clock. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ name: 'catch_up', type: 'text' })
  catchUp!: CatchUpPolicy;

  /** With catch-up 'all': at most this many missed fire times are run (the latest ones). */
  @Column({ name: 'catch_up_limit', type: 'integer' })
  catchUpLimit!: number;

  @Column({ type: 'text' })
  origin!: 'spec' | 'api';

  @Column({ type: 'boolean' })
  enabled!: boolean;

  /** The next fire time not yet handled; null while disabled. */
  @Column({ name: 'next_fire_at', type: 'timestamptz', nullable: true })
  nextFireAt!: Date | null;

  @Column({ name: 'last_fired_at', type: 'timestamptz', nullable: true })
  lastFiredAt!: Date | null;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
