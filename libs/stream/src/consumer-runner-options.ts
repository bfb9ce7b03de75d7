import type { ConfluentAvroCodec } from '@tributary/avro';
import type { Type } from 'avsc';
import type { ConsumerConfig, Kafka } from 'kafkajs';
import type { RecordHandler } from './consumed-record';
import { errorTopicOf, type ErrorStage } from './error-topic';
import { retryScheduleOf, type RetrySchedule } from './retry-schedule';
import { retryTopicOf } from './retry-topic';
import { stderrLogger, type StreamLogger } from './stream-logger';
import type { StreamProducer } from './stream-producer';
import type { TopicSubscription } from './topic-watch';

export interface ConsumerRunnerOptions<T> {
  readonly kafka: Kafka;
  /** The consumer group: instances with the same id share the partitions. */
  readonly groupId: string;
  /** Topic names and patterns; both are re-resolved every `topicRefreshMs`, so topics created later join. */
  readonly topics: readonly TopicSubscription[];
  readonly codec: ConfluentAvroCodec;
  /** Writes `<p>.errors` and `<p>.retry` records; connected and disconnected by the caller. */
  readonly producer: StreamProducer;
  /** The ErrorRecord stage of failures here (TRANSFORM, VALIDATE, TAX_SINK...). */
  readonly stage: ErrorStage;
  readonly handle: RecordHandler<T>;
  /** Decode values through this reader schema (e.g. platformType('tax-order')); default: as written. */
  readonly readerType?: Type;
  /** Partitions handled at once (each in order); default 4. */
  readonly concurrency?: number;
  /**
   * Records of one partition handled at once, never two of one key (default 1). Above 1, a
   * stage's publishes share produce requests and slow calls (the tax API) overlap; a key's
   * records still go one after another, in order.
   */
  readonly inFlight?: number;
  readonly retry?: Partial<RetrySchedule>;
  /** Wait before redelivering a record whose error or retry record could not be written; default 1000 ms. */
  readonly backoffMs?: number;
  /** Metadata poll for new topics; default 5000 ms, 0 to check only on refreshTopics(). */
  readonly topicRefreshMs?: number;
  /** Where a failed record goes; default `<p>.errors` of its topic. */
  readonly errorTopicOf?: (topic: string) => string;
  /** Where a record to retry goes; default `<p>.retry` of its topic. */
  readonly retryTopicOf?: (topic: string) => string;
  /** kafkajs consumer settings (sessionTimeout, maxWaitTimeInMs...). */
  readonly consumer?: Omit<ConsumerConfig, 'groupId'>;
  readonly logger?: StreamLogger;
  /**
   * Awaited at the end of every batch, before kafkajs commits the offsets it resolved: what must
   * be durable before those records are forgotten (a stage's run counts, which a crash would
   * otherwise lose for records no instance will see again). It should not throw; if it does,
   * the failure is logged and the batch is committed all the same.
   */
  readonly beforeCommit?: () => Promise<void>;
}

export type ResolvedRunnerOptions<T> = Required<Omit<ConsumerRunnerOptions<T>, 'readerType' | 'retry' | 'consumer' | 'beforeCommit'>> & {
  readonly beforeCommit?: () => Promise<void>;
  readonly readerType?: Type;
  readonly retry: RetrySchedule;
  readonly consumer: Omit<ConsumerConfig, 'groupId'>;
};

/** Options with defaults, checked once so a wrong one fails at construction, named. */
export function resolveRunnerOptions<T>(options: ConsumerRunnerOptions<T>): ResolvedRunnerOptions<T> {
  const fail = (name: string, what: string, got: unknown) => {
    throw new TypeError(`ConsumerRunner option ${name} must be ${what}, got ${describe(got)}`);
  };
  if (typeof options.groupId !== 'string' || options.groupId.length === 0) fail('groupId', 'a non-empty string', options.groupId);
  if (!Array.isArray(options.topics) || options.topics.length === 0) fail('topics', 'a non-empty list of topic names and RegExps', options.topics);
  for (const topic of options.topics) {
    if (!(topic instanceof RegExp) && (typeof topic !== 'string' || topic.length === 0)) fail('topics', 'topic names and RegExps', topic);
  }
  if (typeof options.handle !== 'function') fail('handle', 'a function', options.handle);
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) fail('concurrency', 'an integer from 1', concurrency);
  const inFlight = options.inFlight ?? 1;
  if (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > 10_000) fail('inFlight', 'an integer from 1 to 10000', inFlight);
  const backoffMs = options.backoffMs ?? 1000;
  if (!Number.isFinite(backoffMs) || backoffMs < 0) fail('backoffMs', 'a number of ms from 0', backoffMs);
  const topicRefreshMs = options.topicRefreshMs ?? 5000;
  if (!Number.isFinite(topicRefreshMs) || topicRefreshMs < 0) fail('topicRefreshMs', 'a number of ms from 0', topicRefreshMs);
  const errorTopic = options.errorTopicOf ?? errorTopicOf;
  for (const topic of options.topics) {
    if (typeof topic !== 'string') continue;
    try {
      errorTopic(topic);
    } catch (error) {
      fail('errorTopicOf', `a way to name the errors topic of ${topic} (${(error as Error).message})`, options.errorTopicOf);
    }
  }
  return {
    ...options,
    concurrency,
    inFlight,
    backoffMs,
    topicRefreshMs,
    retry: retryScheduleOf(options.retry),
    errorTopicOf: errorTopic,
    retryTopicOf: options.retryTopicOf ?? retryTopicOf,
    consumer: { maxWaitTimeInMs: 500, ...options.consumer },
    logger: options.logger ?? stderrLogger,
  };
}

function describe(value: unknown): string {
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'function') return 'a function';
  return JSON.stringify(value) ?? String(value);
}
