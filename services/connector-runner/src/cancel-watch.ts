import { randomUUID } from 'node:crypto';
import type { ConfluentAvroCodec, RunEvent } from '@tributary/avro';
import { INTERNAL_TOPICS } from '@tributary/pipeline-spec';
import { silentLogger, type StreamLogger } from '@tributary/stream';
import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';

export interface CancelWatchOptions {
  readonly kafka: Kafka;
  readonly codec: ConfluentAvroCodec;
  readonly topic?: string;
  readonly consumer?: Omit<ConsumerConfig, 'groupId'>;
  readonly logger?: StreamLogger;
  /** Called with the run id of every FAILED event from now on. */
  readonly onEnded: (runId: string) => void;
}

/**
 * Cancellations while a run executes. The control plane cancels a run with a FAILED event on
 * `_tributary.runs` (services/control-plane/src/runs/run-cancellation.ts), which lands in the
 * run's own partition behind the request the runs consumer is still executing: that consumer
 * cannot see it. This reader sees every event from the moment it starts (a group of its own per
 * instance, starting at the end), so each runner learns of a cancellation of a run it holds.
 */
export class CancelWatch {
  private consumer: Consumer | null = null;

  constructor(private readonly options: CancelWatchOptions) {}

  async start(): Promise<void> {
    const { kafka, topic = INTERNAL_TOPICS.runs } = this.options;
    const consumer = kafka.consumer({ maxWaitTimeInMs: 500, ...this.options.consumer, groupId: `_tributary.connector-runner.cancels.${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await consumer.run({ autoCommit: false, eachMessage: async ({ message }) => this.read(message.value) });
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = null;
  }

  private async read(value: Buffer | null): Promise<void> {
    if (value === null) return;
    try {
      const event = await this.options.codec.decode<RunEvent>(value);
      if (event.type === 'FAILED') this.options.onEnded(event.runId);
    } catch (error) {
      (this.options.logger ?? silentLogger).warn({ err: error }, 'a run event could not be read for cancellations');
    }
  }
}
