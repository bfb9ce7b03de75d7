import type { RunQualityFigures } from '@tributary/avro';
import { inRecordSpan } from '@tributary/observability';
import { ConsumerRunner, retryScheduleOf, type ConsumedRecord, type ConsumerRunnerOptions, type ErrorStage, type HandlerOutcome, type RecordHandler } from '@tributary/stream';
import type { ActivePipeline, PipelineDirectory } from './pipeline-directory';
import { RunStageCounter } from './run-stage-counter';
import type { ServiceContext } from './service-context';

/** How one stage service consumes each pipeline. */
export interface PipelineConsumerSpec<T> {
  /** The consumer's name in the plan's consumer groups: `transformer`, `validator`, `tax-sink`, `sink.0.mongodb`... */
  consumer: (pipeline: ActivePipeline) => string | undefined;
  /** The ErrorRecord stage of its failures. */
  stage: ErrorStage;
  /**
   * The handler for one version of a pipeline; undefined when this service has nothing to do for
   * it. Called again when a new version is announced, so steps and rules change without a restart.
   */
  handler: (pipeline: ActivePipeline) => RecordHandler<T> | undefined;
  /** Per pipeline ConsumerRunner settings (readerType, concurrency, retry...). */
  options?: (pipeline: ActivePipeline) => Partial<ConsumerRunnerOptions<T>>;
  /** The data-quality figures of a run this instance has seen, reported with its counts (the validator's). */
  runQuality?: (runId: string) => RunQualityFigures | undefined;
}

interface Running<T> {
  groupId: string;
  version: number;
  topics: string;
  handler: RecordHandler<T>;
  runner: ConsumerRunner<T>;
}

/**
 * One ConsumerRunner per active pipeline, in the plan's consumer group for this service
 * (`tributary.<tenant>.<pipeline>.<consumer>`), so each pipeline's lag, replay and scaling are its
 * own and a second instance of the service shares each pipeline's partitions. Follows the
 * directory: a new pipeline starts a runner, a new version swaps the handler in place, a paused
 * or deleted one stops its runner (committing what was done). Every record runs in a span that
 * continues its traceparent (when tracing is on), and is counted in the stage metrics and for its
 * run (run-stage-counter.ts).
 */
export class PipelineConsumers<T> {
  private readonly running = new Map<string, Running<T>>();
  private readonly counter: RunStageCounter;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly spec: PipelineConsumerSpec<T>,
  ) {
    this.counter = new RunStageCounter({ stage: spec.stage, producer: ctx.producer, logger: ctx.logger, qualityOf: spec.runQuality });
  }

  async start(): Promise<void> {
    this.counter.start();
    const directory: PipelineDirectory = this.ctx.pipelines;
    directory.onChange((prefix, pipeline) => void this.serially(() => this.follow(prefix, pipeline)));
    for (const pipeline of directory.active()) await this.serially(() => this.follow(pipeline.prefix, pipeline));
  }

  /** The runner of a pipeline, for pausing and resuming its partitions (e.g. an open circuit). */
  runnerOf(prefix: string): ConsumerRunner<T> | undefined {
    return this.running.get(prefix)?.runner;
  }

  /** The consumer groups running now, for the lag metric. */
  groupIds(): string[] {
    return [...this.running.values()].map((r) => r.groupId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.serially(async () => {
      await Promise.all([...this.running.values()].map((r) => r.runner.stop()));
      this.running.clear();
    });
    await this.counter.stop();
  }

  private serially(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step).catch((err: Error) => this.ctx.logger.error({ err: err.message }, 'a pipeline consumer did not start or stop'));
    return this.queue;
  }

  private async follow(prefix: string, pipeline: ActivePipeline | undefined): Promise<void> {
    if (this.stopped) return;
    const current = this.running.get(prefix);
    const handler = pipeline && this.spec.handler(pipeline);
    const consumer = pipeline && this.spec.consumer(pipeline);
    const group = pipeline && consumer && pipeline.plan.consumerGroups.find((g) => g.consumer === consumer);
    if (!pipeline || !handler || !group) {
      if (current) {
        this.running.delete(prefix);
        await current.runner.stop();
        this.ctx.logger.info({ prefix }, 'pipeline consumer stopped');
      }
      return;
    }
    const topics = group.reads;
    if (current && current.topics === topics.join()) {
      current.version = pipeline.version;
      current.handler = handler;
      return;
    }
    if (current) await current.runner.stop();
    const entry = { groupId: group.groupId, version: pipeline.version, topics: topics.join(), handler } as Running<T>;
    const options = this.spec.options?.(pipeline) ?? {};
    const { sessionTimeoutMs } = this.ctx;
    entry.runner = new ConsumerRunner<T>({
      kafka: this.ctx.kafka,
      codec: this.ctx.codec,
      producer: this.ctx.producer,
      groupId: group.groupId,
      topics,
      stage: this.spec.stage,
      logger: this.ctx.logger,
      topicRefreshMs: 0,
      // Enough records at once that a stage's publishes share produce requests (see send-queue.ts).
      inFlight: 256,
      ...options,
      consumer: { ...(sessionTimeoutMs !== undefined && { sessionTimeout: sessionTimeoutMs, heartbeatInterval: Math.round(sessionTimeoutMs / 10) }), ...options.consumer },
      handle: observed(entry, pipeline, retryScheduleOf(options.retry).maxAttempts, this.ctx, this.counter),
      // The run counts of a batch's records go out before its offsets are committed.
      beforeCommit: () => this.counter.flush(),
    });
    this.running.set(prefix, entry);
    await entry.runner.start();
    this.ctx.logger.info({ tenant: pipeline.tenant, pipeline: pipeline.pipeline, version: pipeline.version, group: group.groupId, topics }, 'pipeline consumer started');
  }
}

/**
 * The entry's current handler, in a span continuing the record's trace (when tracing is on),
 * counted in the metrics and per run. A retry asked for on the last of `maxAttempts` counts as
 * failed: the runner sends that record to `<p>.errors` instead.
 */
function observed<T>(entry: Running<T>, pipeline: ActivePipeline, maxAttempts: number, ctx: ServiceContext, runs: RunStageCounter): RecordHandler<T> {
  const { tracer, metrics, name: service } = ctx;
  const labels = { tenant: pipeline.tenant, pipeline: pipeline.pipeline };
  // Children bound once: a labelled inc() would hash the labels again for every record.
  const recordsIn = metrics.recordsIn.labels(labels);
  const retried = metrics.recordsFailed.labels({ ...labels, outcome: 'retry' });
  const failed = metrics.recordsFailed.labels({ ...labels, outcome: 'error' });
  const handle = async (record: ConsumedRecord<T>): Promise<HandlerOutcome | void> => {
    try {
      const outcome = await entry.handler(record);
      if (outcome === undefined) runs.passed(record);
      else if (outcome.kind === 'dropped') runs.filtered(record);
      else if (outcome.kind === 'retry' && record.attempt >= maxAttempts) {
        failed.inc();
        runs.failed(record);
      } else if (outcome.kind === 'retry') {
        retried.inc();
        runs.retried(record);
      }
      return outcome;
    } catch (error) {
      failed.inc();
      runs.failed(record);
      throw error;
    }
  };
  if (tracer === undefined) {
    return (record) => {
      recordsIn.inc();
      return handle(record);
    };
  }
  return (record) => {
    recordsIn.inc();
    const attributes = { 'messaging.destination.name': record.topic, 'messaging.kafka.message.key': record.key ?? '', 'messaging.kafka.partition': record.partition, 'messaging.kafka.offset': record.offset, 'tributary.tenant': labels.tenant, 'tributary.pipeline': labels.pipeline };
    return inRecordSpan(tracer, `${service} ${record.topic}`, record.context.traceparent, attributes, (traceparent) => handle({ ...record, context: { ...record.context, traceparent } }));
  };
}
