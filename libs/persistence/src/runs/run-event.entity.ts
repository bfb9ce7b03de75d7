import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A RunEvent that was applied to its run. Its id is the event's own (RunEvent.eventId): a
 * redelivered event finds its row and changes nothing. Also the run's timeline.
 */
@Entity({ name: 'run_events' })
export class RunEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  /** REQUESTED | STARTED | PROGRESS | FINISHED | FAILED */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
