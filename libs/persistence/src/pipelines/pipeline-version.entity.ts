import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One applied spec of a pipeline. `spec` is the validated document with defaults filled in and
 * `spec_hash` its canonical hash: applying a document that parses to the same spec (reformatted,
 * commented, YAML instead of JSON) makes no new version. `document` is the text as applied.
 */
@Entity({ name: 'pipeline_versions' })
export class PipelineVersionEntity {
  @PrimaryColumn({ name: 'pipeline_id', type: 'uuid' })
  pipelineId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  spec!: object;

  @Column({ name: 'spec_hash', type: 'text' })
  specHash!: string;

  @Column({ type: 'text' })
  document!: string;

  @Column({ type: 'text' })
  format!: 'yaml' | 'json';

  /** The deployment plan compiled from the spec (topics, groups, subjects). */
  @Column({ type: 'jsonb' })
  plan!: object;

  @Column({ name: 'applied_by', type: 'text' })
  appliedBy!: string;

  @CreateDateColumn({ name: 'applied_at', type: 'timestamptz' })
  appliedAt!: Date;
}
