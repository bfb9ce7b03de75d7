import { AvroDecodeError, type ConfluentAvroCodec, type RunEvent } from '@tributary/avro';
import { INTERNAL_TOPICS } from '@tributary/pipeline-spec';
import { silentLogger, type StreamLogger } from '@tributary/stream';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { CancelWatch } from './cancel-watch';
import type { RunControl, RunOutcome } from './run-executor';
import { runRequestOf, type RunRequest } from './run-events';
import { RunCancelled, RunInterrupted } from './run-failure';

export interface RunConsumerOptions {
  readonly kafka: Kafka;
  readonly codec: ConfluentAvroCodec;
  readonly executor: { execute(request: RunRequest, control: RunControl): Promise<RunOutcome> };
  /** Every runner instance joins this group: each run request goes to exactly one of them. */
  readonly groupId?: string;
  readonly topic?: string;
  /** Runs executed at once (each from its own partition of the runs topic); default 2. */
  readonly concurrency?: number;
  readonly consumer?: Omit<ConsumerConfig, 'groupId'>;
  readonly logger?: StreamLogger;
}

const TERMINAL: ReadonlySet<RunEvent['type']> = new Set(['FINISHED', 'FAILED']);
/** Runs remembered as ended, so a redelivered request of one is not run again; oldest forgotten first. */
const ENDED_KEPT = 10_000;

/**
 * Takes run requests from `_tributary.runs` in the group `_tributary.connector-runner` and
 * executes each where it lies in its partition: the request's offset is committed only once its
 * run ended (finished, failed or cancelled). A runner that dies mid-run leaves the request
 * uncommitted, the group hands the partition to another instance, and the run resumes from its
 * last committed cursor.
 *
 * Why inline and not in the background: while a run holds its partition, no other instance can
 * start the same run. A rebalance shows as a failed heartbeat after a batch; the run then stops
 * at that batch boundary (its cursor committed) and leaves the request to the partition's next
 * owner, which rejoins only once this member has let go. Runs of other partitions go on in
 * parallel (`concurrency`).
 */
export class RunConsumer {
  private readonly active = new Map<string, AbortController>();
  private readonly ended = new Set<string>();
  private readonly cancels: CancelWatch;
  private readonly logger: StreamLogger;
  private consumer: Consumer | null = null;
  private stopping = false;

  constructor(private readonly options: RunConsumerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.cancels = new CancelWatch({ ...options, onEnded: (runId) => this.cancel(runId) });
  }

  async start(): Promise<void> {
    await this.cancels.start();
    const { kafka, groupId = '_tributary.connector-runner', topic = INTERNAL_TOPICS.runs } = this.options;
    const consumer = kafka.consumer({ ...this.options.consumer, groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      // Commit as soon as a run ends: a run can take long, and its end must not wait for the next batch.
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrency ?? 2,
      eachBatch: (payload) => this.consume(payload),
    });
    this.consumer = consumer;
  }

  /** Stops every run at its next batch boundary (their requests stay uncommitted), then leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const controller of this.active.values()) controller.abort(new RunInterrupted('the runner is stopping'));
    await this.consumer?.disconnect().catch((error: Error) => this.logger.warn({ err: error }, 'the runs consumer did not stop cleanly'));
    this.consumer = null;
    await this.cancels.stop();
  }

  /** Ids of the runs executing now. */
  activeRuns(): string[] {
    return [...this.active.keys()];
  }

  private async consume({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const events = await Promise.all(batch.messages.map((message) => this.decode(message, batch.partition)));
    for (let i = 0; i < batch.messages.length; i++) {
      if (!isRunning() || isStale() || this.stopping) return;
      const event = events[i];
      if (event?.type === 'REQUESTED' && !this.ended.has(event.runId) && !events.slice(i + 1).some((later) => later?.runId === event.runId && TERMINAL.has(later.type))) {
        const outcome = await this.execute(runRequestOf(event), heartbeat);
        // Left unresolved: delivered again, to whichever member owns the partition next.
        if (outcome === 'interrupted') return;
      }
      if (event && TERMINAL.has(event.type)) this.remember(event.runId);
      resolveOffset(batch.messages[i].offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  private async execute(request: RunRequest, heartbeat: () => Promise<void>): Promise<RunOutcome['status']> {
    const controller = new AbortController();
    this.active.set(request.runId, controller);
    // kafkajs heartbeats only when asked: a page query longer than the session timeout would cost
    // the partition. Beating on a timer keeps it, and a rebalance noticed meanwhile stops the read.
    const beat = setInterval(() => {
      heartbeat().catch((error: Error) => controller.abort(new RunInterrupted(`the runs consumer is rebalancing (${error.message})`)));
    }, this.options.consumer?.heartbeatInterval ?? 3000);
    try {
      const outcome = await this.options.executor.execute(request, { signal: controller.signal, heartbeat });
      if (outcome.status !== 'interrupted') this.remember(request.runId);
      return outcome.status;
    } catch (error) {
      // The executor reports failures as outcomes; a throw is a bug, and must not block the partition.
      this.logger.error({ err: error, runId: request.runId }, 'the run executor threw; the request is passed over');
      return 'failed';
    } finally {
      clearInterval(beat);
      this.active.delete(request.runId);
    }
  }

  private cancel(runId: string): void {
    this.active.get(runId)?.abort(new RunCancelled('the run was cancelled'));
  }

  private remember(runId: string): void {
    this.ended.add(runId);
    if (this.ended.size > ENDED_KEPT) this.ended.delete(this.ended.values().next().value!);
  }

  private async decode(message: KafkaMessage, partition: number): Promise<RunEvent | null> {
    if (message.value === null) return null;
    try {
      return await this.options.codec.decode<RunEvent>(message.value);
    } catch (error) {
      // The registry unreachable: kafkajs delivers the batch again once eachBatch has thrown.
      if (!(error instanceof AvroDecodeError)) throw error;
      // A message no one can read must not hold up the runs behind it.
      this.logger.warn({ err: error, partition, offset: message.offset }, 'a message on the runs topic does not decode; it is passed over');
      return null;
    }
  }
}
