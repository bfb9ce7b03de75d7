import type { Admin, Consumer } from 'kafkajs';
import { createBatchProcessor } from './batch-processor';
import { resolveRunnerOptions, type ConsumerRunnerOptions, type ResolvedRunnerOptions } from './consumer-runner-options';
import { PartitionGate } from './partition-gate';
import type { TopicPartitions } from './partition-holds';
import { currentTopics, TopicWatch, type TopicSet } from './topic-watch';

/**
 * The one way a stage consumes: a kafkajs consumer group run batch by batch, with
 * ErrorRecords, retries, pauses, new topics and graceful shutdown handled here, once.
 *
 * Why kafkajs's consumer and not @nestjs/microservices' Kafka transport: that transport hands
 * each message to a handler and treats a thrown error as kafkajs's, which retries the message
 * and then restarts the consumer (a poison record blocks its partition); it subscribes once at
 * bootstrap (no topics created later); it has no way to pause one partition for back-pressure
 * or hold a retry record back until due; and it resolves offsets itself, so it cannot promise
 * that only fully handled records are committed. Services wire a runner into their NestJS
 * lifecycle (start in onApplicationBootstrap, stop in beforeApplicationShutdown).
 *
 * - Order: one partition's records are handled one at a time, in offset order; up to
 *   `concurrency` partitions at once (kafkajs's partitionsConsumedConcurrently).
 * - Commits: a record's offset is resolved only once it is done (handled, retried, or in
 *   errors), and kafkajs commits resolved offsets after every batch and when the consumer stops.
 * - New topics: kafkajs resolves a subscription once, when the consumer joins. The runner polls
 *   the cluster's topics (see TopicWatch) and, when the matched set changes, stops its consumer
 *   (in-flight records finish and are committed, the member leaves the group) and starts a new
 *   one on the new set: a rebalance, as adding a consumer instance would cause.
 */
export class ConsumerRunner<T = unknown> {
  private readonly options: ResolvedRunnerOptions<T>;
  private readonly gate = new PartitionGate();
  private readonly admin: Admin;
  private readonly watch: TopicWatch;
  private consumer: Consumer | null = null;
  private subscribed: TopicSet = new Map();
  private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';
  /** Consumer replacements and stop run one after another. */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: ConsumerRunnerOptions<T>) {
    this.options = resolveRunnerOptions(options);
    this.admin = this.options.kafka.admin();
    this.watch = new TopicWatch(
      () => currentTopics(this.admin, this.options.topics),
      (topics) => this.serially(() => this.switchTo(topics)),
      (error) => this.options.logger.error({ err: error, groupId: this.options.groupId }, 'could not update the subscription; trying again at the next check'),
      this.options.topicRefreshMs,
    );
  }

  /** Subscribes to the topics that exist now and starts consuming; later topics join as they appear. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`ConsumerRunner ${this.options.groupId} was already started`);
    this.state = 'running';
    await this.admin.connect();
    await this.watch.check();
    this.watch.start();
  }

  /**
   * Graceful shutdown: stops fetching, lets the records in hand finish (each partition stops at
   * the next record boundary), commits the offsets of finished records, leaves the group.
   * Records not finished are delivered to the group's next member from where this one stopped.
   */
  async stop(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    this.watch.stop();
    await this.serially(() => this.stopConsumer());
    this.gate.close();
    await this.admin.disconnect();
    this.state = 'stopped';
  }

  /**
   * Stops fetching these partitions (all of a topic's without a list) until resume: back-pressure
   * for a sink whose downstream is down. A partition in the middle of a batch stops after its
   * current record; the rest wait in Kafka, not in memory.
   */
  pause(topicPartitions: readonly TopicPartitions[]): void {
    this.gate.pause(topicPartitions);
  }

  /** Lifts pause (and PAUSE_PARTITION) holds; retry and backoff holds still end on their own time. */
  resume(topicPartitions: readonly TopicPartitions[]): void {
    this.gate.resume(topicPartitions);
  }

  /** Partitions held back now, for any reason. */
  paused(): TopicPartitions[] {
    return this.gate.held();
  }

  /** The topics subscribed to, with their partition counts. */
  topics(): TopicSet {
    return this.subscribed;
  }

  /** Checks for new or removed topics now, e.g. on a `_tributary.pipelines` event. */
  refreshTopics(): Promise<void> {
    return this.watch.check();
  }

  private serially(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step);
    this.queue = next.catch(() => {});
    return next;
  }

  private async switchTo(topics: TopicSet): Promise<void> {
    if (this.state !== 'running') return;
    await this.stopConsumer();
    this.subscribed = new Map();
    if (topics.size === 0) return;
    const { kafka, groupId, consumer: config, concurrency, logger } = this.options;
    const consumer = kafka.consumer({ ...config, groupId, allowAutoTopicCreation: false });
    try {
      consumer.on(consumer.events.CRASH, ({ payload }) => this.crashed(consumer, payload.error, payload.restart));
      // kafkajs rebuilds its group state (pauses included) when it restarts after a crash.
      consumer.on(consumer.events.GROUP_JOIN, () => this.consumer === consumer && this.gate.attach(consumer));
      await consumer.connect();
      // From the beginning: a new pipeline's first records may be written before this group
      // first sees its topics, and a group with no committed offset must not skip them.
      await consumer.subscribe({ topics: [...topics.keys()], fromBeginning: true });
      await consumer.run({
        autoCommit: true,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: concurrency,
        eachBatch: createBatchProcessor({ ...this.options, decode: this.decode, gate: this.gate }),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => {});
      throw error;
    }
    this.consumer = consumer;
    this.subscribed = topics;
    this.gate.attach(consumer);
    logger.info({ groupId, topics: [...topics.keys()] }, 'consuming');
  }

  private async stopConsumer(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    this.gate.attach(null);
    if (consumer === null) return;
    try {
      await consumer.disconnect();
    } catch (error) {
      // Offsets not committed now are committed by nobody: their records will be delivered again.
      this.options.logger.warn({ err: error, groupId: this.options.groupId }, 'the Kafka consumer did not stop cleanly; uncommitted records will be redelivered');
    }
  }

  /** kafkajs restarts a consumer after a retriable crash itself; after any other, the runner builds a new one. */
  private crashed(consumer: Consumer, error: Error, restarting: boolean): void {
    const { logger, groupId, backoffMs } = this.options;
    logger.error({ err: error, groupId, restarting }, 'the Kafka consumer crashed');
    if (restarting) return;
    setTimeout(() => {
      if (this.state !== 'running' || this.consumer !== consumer) return;
      this.watch.forget();
      void this.watch.check();
    }, backoffMs).unref();
  }

  private readonly decode = (payload: Buffer): Promise<T> => {
    const { codec, readerType } = this.options;
    return readerType === undefined ? codec.decode<T>(payload) : codec.decodeWith<T>(payload, readerType);
  };
}
