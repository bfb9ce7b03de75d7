import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A run's cumulative counts at one stage (RunEvent.counts) from one reporter (an instance of the
 * stage's service; '' for the run's one reporter), as last reported. `reported_at` is
 * the reporting event's time: an older report arriving late never overwrites a newer one.
 * bigint columns come back from pg as text (exact past 2^53).
 */
@Entity({ name: 'run_stage_counts' })
export class RunStageCountEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' })
  runId!: string;

  /** RunEvent's Stage: SOURCE, TRANSFORM, VALIDATE, TAX_SINK, RESULT_WRITER, OTHER. */
  @PrimaryColumn({ type: 'text' })
  stage!: string;

  /** RunEvent.reporter, '' when null. A stage's counts are the sum over its reporters. */
  @PrimaryColumn({ type: 'text', default: '' })
  reporter!: string;

  @Column({ name: 'records_in', type: 'bigint' })
  recordsIn!: string;

  @Column({ name: 'records_out', type: 'bigint' })
  recordsOut!: string;

  @Column({ type: 'bigint' })
  errors!: string;

  /** Records taken in and dropped on purpose (a filter step): neither passed on nor failed. */
  @Column({ type: 'bigint', default: 0 })
  filtered!: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;
}
