import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed record of a run, from its pipeline's `<p>.errors` topic (an ErrorRecord): where it
 * failed and why, and the record as decoded when its schema could be read. Only the first few
 * per run are kept; the topic has them all. (topic, partition, offset) is where the ErrorRecord
 * sits, so a redelivered one is not kept twice.
 */
@Entity({ name: 'run_error_samples' })
export class RunErrorSampleEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @Column({ type: 'text' })
  stage!: string;

  /** ErrorRecord.reasons: [{ code, message, field }]. */
  @Column({ type: 'jsonb' })
  reasons!: object;

  @Column({ type: 'integer' })
  attempt!: number;

  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt!: Date;

  @Column({ name: 'record_key', type: 'text', nullable: true })
  recordKey!: string | null;

  /** The failed record's value decoded to JSON; null when it had none or it could not be decoded. */
  @Column({ type: 'jsonb', nullable: true })
  record!: object | null;

  @Column({ name: 'source_topic', type: 'text', nullable: true })
  sourceTopic!: string | null;

  @Column({ name: 'source_partition', type: 'integer', nullable: true })
  sourcePartition!: number | null;

  @Column({ name: 'source_offset', type: 'text', nullable: true })
  sourceOffset!: string | null;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'integer' })
  partition!: number;

  @Column({ type: 'text' })
  offset!: string;
}
