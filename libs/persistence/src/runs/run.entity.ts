import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type RunStatus = 'requested' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type RunTrigger = 'schedule' | 'api' | 'cli' | 'console' | 'replay' | 'other';

/**
 * One run of a pipeline: requested (by the schedule, the API or the CLI), then moved along by
 * the run events on `_tributary.runs`. The id is the RunEvent's runId and the `tributary-run`
 * header of every record the run produces.
 */
@Entity({ name: 'runs' })
export class RunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'pipeline_id', type: 'uuid' })
  pipelineId!: string;

  /** The pipeline's name (it never changes), for filters and the RunEvent. */
  @Column({ type: 'text' })
  pipeline!: string;

  @Column({ name: 'pipeline_version', type: 'integer' })
  pipelineVersion!: number;

  @Column({ type: 'text' })
  status!: RunStatus;

  @Column({ type: 'text' })
  trigger!: RunTrigger;

  @Column({ type: 'text' })
  mode!: 'full' | 'incremental';

  /** User or API key id; null for the scheduler. */
  @Column({ name: 'requested_by', type: 'text', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'schedule_id', type: 'uuid', nullable: true })
  scheduleId!: string | null;

  /** The cron fire time this run is for (scheduled runs only). */
  @Column({ name: 'scheduled_for', type: 'timestamptz', nullable: true })
  scheduledFor!: Date | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  /** When the REQUESTED event reached `_tributary.runs`; null until then (the outbox). */
  @Column({ name: 'request_published_at', type: 'timestamptz', nullable: true })
  requestPublishedAt!: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** When the source was read to its end (RunEvent FINISHED); the run succeeds once the stages have caught up. */
  @Column({ name: 'source_finished_at', type: 'timestamptz', nullable: true })
  sourceFinishedAt!: Date | null;

  /** How far the stages have caught up with the run since its source finished (run-drain.ts's DrainState). */
  @Column({ type: 'jsonb', nullable: true })
  drain!: { group: number; targets?: Record<string, Record<string, string>>; waitingFor?: string } | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'cancelled_by', type: 'text', nullable: true })
  cancelledBy!: string | null;

  /** The data-quality report of the run (libs/quality's QualityReport), once the validator gave it. */
  @Column({ name: 'quality_report', type: 'jsonb', nullable: true })
  qualityReport!: object | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
