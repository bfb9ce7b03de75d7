import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';

export interface TopicConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  /** The topics to read now; asked again every `refreshMs` and on refresh(). */
  readonly topics: () => Promise<string[]>;
  /** Throwing leaves the message uncommitted: kafkajs delivers it again after a backoff. */
  readonly handle: (message: KafkaMessage, topic: string, partition: number) => Promise<void>;
  readonly logger: Logger;
  readonly refreshMs?: number;
  readonly retryMs?: number;
}

/**
 * A kafkajs consumer group over a set of topics that may grow (new pipelines' error topics),
 * for the control plane's own readers. Not libs/stream's ConsumerRunner: that one sends
 * failures to `<p>.errors`, which is what these read. It starts in the background and keeps
 * trying while Kafka is unreachable, so the control plane's start does not wait on Kafka.
 * kafkajs resolves a subscription once, so a changed topic set means a new consumer.
 */
export class TopicConsumer {
  private consumer: Consumer | undefined;
  private subscribed = '';
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: TopicConsumerOptions) {}

  start(): void {
    this.stopped = false;
    void this.refresh();
  }

  /** Checks the topic set now (e.g. after a pipeline was applied); resolves when subscribed to it. */
  refresh(): Promise<void> {
    const next = this.queue.then(() => this.check());
    this.queue = next.catch(() => undefined);
    return next;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.queue;
    await this.replace(undefined);
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.timer);
    let delay = this.options.refreshMs ?? 10_000;
    try {
      const topics = (await this.options.topics()).sort();
      if (topics.join(',') !== this.subscribed || !this.consumer) await this.replace(topics);
    } catch (err) {
      delay = this.options.retryMs ?? 2000;
      this.options.logger.warn({ groupId: this.options.groupId, err: (err as Error).message }, 'cannot consume yet; trying again');
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async replace(topics: string[] | undefined): Promise<void> {
    const old = this.consumer;
    this.consumer = undefined;
    this.subscribed = '';
    await old?.disconnect().catch((err: Error) => this.options.logger.warn({ groupId: this.options.groupId, err: err.message }, 'a consumer did not stop cleanly'));
    if (!topics || topics.length === 0 || this.stopped) return;
    const { kafka, groupId, handle } = this.options;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts after retriable crashes itself; after any other, the next check makes a new consumer.
      if (!payload.restart && this.consumer === consumer) this.consumer = undefined;
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({ eachMessage: ({ message, topic, partition }) => handle(message, topic, partition) });
    } catch (err) {
      await consumer.disconnect().catch(() => undefined);
      throw err;
    }
    this.consumer = consumer;
    this.subscribed = topics.join(',');
  }
}
