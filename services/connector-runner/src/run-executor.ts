import type { SourceCursor } from '@tributary/connectors';
import { stageTopic, type PipelineSpec } from '@tributary/pipeline-spec';
import { silentLogger, type StreamLogger, type StreamProducer } from '@tributary/stream';
import { publishBatch, type BatchTarget } from './batch-publisher';
import type { CursorStore } from './cursor-store';
import { failureMessage, RunCancelled, RunFailure, RunInterrupted } from './run-failure';
import { backoffMs, DEFAULT_RUN_RETRY, pause, sourceRetriable, untilKafkaTakes, type RunRetryPolicy } from './run-retry';
import { addCounts, NO_COUNTS, runEvent, type RunEventSink, type RunRequest, type SourceCounts } from './run-events';
import { openSource, type OpenedSource } from './run-source';
import type { SecretSource } from './secret-source';
import { startCursor } from './start-cursor';
import { storedCursorOf, type CursorKey } from './stored-cursor';

/** The pipelines a runner can run: the applied spec of an active pipeline, undefined otherwise. */
export interface PipelineLookup {
  find(tenant: string, pipeline: string): Promise<PipelineSpec | undefined>;
}

export interface RunExecutorOptions {
  readonly pipelines: PipelineLookup;
  readonly secrets: SecretSource;
  readonly producer: StreamProducer;
  readonly cursors: CursorStore;
  readonly emit: RunEventSink;
  /** The topics of `names` that do not exist; checked before reading so a missing topic fails the run at once. */
  readonly missingTopics?: (names: readonly string[]) => Promise<string[]>;
  /** The folder a tenant's file sources are confined to (ConnectorContext.fileRoot). */
  readonly fileRoot?: (tenant: string) => string | undefined;
  /** Rows per batch (and per cursor commit); default 1000. */
  readonly batchSize?: number;
  /** Least time between two PROGRESS events of a run; default 1000 ms. */
  readonly progressIntervalMs?: number;
  readonly retry?: Partial<RunRetryPolicy>;
  /** The traceparent of a record entering the platform (a source span's); default a new trace each. */
  readonly traceparent?: () => string;
  /** Told of every batch once it is published and its cursor committed (metrics). */
  readonly onBatch?: (request: RunRequest, batch: SourceCounts) => void;
  readonly logger?: StreamLogger;
}

/** How the caller steers a run in progress. */
export interface RunControl {
  /** Aborted: the run stops at the next batch boundary; the reason says why (RunInterrupted, RunCancelled). */
  readonly signal?: AbortSignal;
  /** Called after every committed batch (the runs consumer's group heartbeat); a throw interrupts the run. */
  readonly heartbeat?: () => Promise<void>;
}

export type RunOutcome =
  | { readonly status: 'finished'; readonly counts: SourceCounts }
  | { readonly status: 'failed'; readonly error: string; readonly counts: SourceCounts }
  | { readonly status: 'interrupted' | 'cancelled'; readonly reason: string; readonly counts: SourceCounts };

/**
 * Executes run requests: reads the pipeline's source in batches from the right cursor, publishes
 * each batch (records to `<p>.raw`, invalid rows to `<p>.errors`), and commits the batch's cursor
 * only once Kafka acknowledged the batch. A crash anywhere repeats at most the batch in hand and
 * never skips one (at-least-once). Emits STARTED, PROGRESS (SOURCE counts) and FINISHED or FAILED.
 */
export class RunExecutor {
  private readonly retry: RunRetryPolicy;
  private readonly logger: StreamLogger;

  constructor(private readonly options: RunExecutorOptions) {
    this.retry = { ...DEFAULT_RUN_RETRY, ...options.retry };
    this.logger = options.logger ?? silentLogger;
  }

  async execute(request: RunRequest, control: RunControl = {}): Promise<RunOutcome> {
    const { tenant, pipeline, runId } = request;
    const run = new RunProgress(request, this.options.emit, this.options.progressIntervalMs ?? 1000);
    let secretValues: readonly string[] = [];
    try {
      const spec = await this.options.pipelines.find(tenant, pipeline);
      if (spec === undefined) throw new RunFailure(`pipeline '${pipeline}' of tenant '${tenant}' is not active (unknown, paused or deleted)`);
      await this.kafkaStep(run.started, request, control);
      const target = { rawTopic: stageTopic(tenant, pipeline, 'raw'), errorsTopic: stageTopic(tenant, pipeline, 'errors') };
      const missing = (await this.options.missingTopics?.([target.rawTopic, target.errorsTopic])) ?? [];
      if (missing.length > 0) throw new RunFailure(`topic ${missing.join(' and ')} does not exist; apply the pipeline again to create its topics`);
      const source = await openSource({ spec, tenant, secrets: this.options.secrets, fileRoot: this.options.fileRoot?.(tenant), retrying: (step) => this.sourceStep(step, control) });
      secretValues = source.secretValues;
      const key: CursorKey = { tenant, pipeline, stream: source.stream.name };
      const stored = await this.kafkaStep(() => this.options.cursors.latest(key), request, control);
      const start = startCursor({ runId, runMode: request.mode, sourceMode: source.plan.mode, connector: source.connector.name, cursorField: source.plan.cursorField, stored });
      // A resumed run counts on from its last committed batch: the batches before it were published by an earlier runner.
      if (start.because === 'resume' && stored?.runCounts) run.resumeFrom(stored.runCounts);
      this.logger.info({ tenant, pipeline, runId, stream: key.stream, start: start.because }, 'run reading');
      const batchTarget: BatchTarget = { tenant, pipeline, runId, ...target, schema: source.stream.schema, keyOf: source.keyOf, ...(this.options.traceparent && { traceparent: this.options.traceparent }) };
      await this.readAll(request, source, key, batchTarget, start.cursor, run, control);
      await this.kafkaStep(run.finished, request, control);
      return { status: 'finished', counts: run.counts };
    } catch (error) {
      const stopped = control.signal?.aborted ? control.signal.reason : error;
      if (stopped instanceof RunInterrupted || stopped instanceof RunCancelled) {
        this.logger.info({ tenant, pipeline, runId, reason: stopped.message }, 'run stopped before its end');
        return { status: stopped instanceof RunCancelled ? 'cancelled' : 'interrupted', reason: stopped.message, counts: run.counts };
      }
      const message = failureMessage(error, secretValues);
      this.logger.warn({ tenant, pipeline, runId, error: message }, 'run failed');
      await run.failed(message).catch((e: Error) => this.logger.error({ runId, err: e.message }, 'the FAILED event could not be published'));
      return { status: 'failed', error: message, counts: run.counts };
    }
  }

  /** Reads to the end, starting again from the last committed cursor after a retriable source error. */
  private async readAll(request: RunRequest, source: OpenedSource, key: CursorKey, target: BatchTarget, from: SourceCursor | undefined, run: RunProgress, control: RunControl): Promise<void> {
    const { plan } = source;
    let cursor = from;
    for (let attempt = 1; ; attempt++) {
      try {
        const batches = source.connector.read(source.config, source.secrets, {
          ...source.context,
          stream: key.stream,
          mode: plan.mode,
          ...(plan.cursorField !== undefined && { cursorField: plan.cursorField }),
          keyField: plan.keyField,
          schema: source.stream.schema,
          ...(cursor !== undefined && { cursor }),
          batchSize: this.options.batchSize ?? 1000,
          signal: control.signal,
        });
        for await (const batch of batches) {
          const sent = await this.kafkaStep(() => publishBatch(this.options.producer, target, batch), request, control);
          const counts = { read: batch.records.length + batch.invalid.length, published: sent.published, errors: sent.errors };
          const runCounts = addCounts(run.counts, counts);
          const stored = storedCursorOf(key, { connector: source.connector.name, cursorField: plan.cursorField, runId: request.runId, cursor: batch.cursor, runCounts });
          await this.kafkaStep(() => this.options.cursors.commit(stored), request, control);
          cursor = batch.cursor;
          attempt = 1;
          this.options.onBatch?.(request, counts);
          await run.add(counts);
          await heartbeat(control);
          control.signal?.throwIfAborted();
        }
        return;
      } catch (error) {
        if (control.signal?.aborted) throw control.signal.reason;
        if (!sourceRetriable(error, attempt, this.retry)) throw error;
        this.logger.warn({ runId: request.runId, attempt, err: (error as Error).message }, 'the source failed; reading again from the last committed cursor');
        await pause(backoffMs(attempt, this.retry), control.signal);
      }
    }
  }

  private async sourceStep<T>(step: () => Promise<T>, control: RunControl): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (error) {
        if (!sourceRetriable(error, attempt, this.retry)) throw error;
        await pause(backoffMs(attempt, this.retry), control.signal);
      }
    }
  }

  private kafkaStep<T>(step: () => Promise<T>, request: RunRequest, control: RunControl): Promise<T> {
    const onRetry = (error: unknown, attempt: number) => this.logger.warn({ runId: request.runId, attempt, err: (error as Error).message }, 'Kafka did not take the step; trying again');
    return untilKafkaTakes(step, this.retry, onRetry, control.signal);
  }
}

async function heartbeat(control: RunControl): Promise<void> {
  if (!control.heartbeat) return;
  try {
    await control.heartbeat();
  } catch (error) {
    throw new RunInterrupted(`the runs consumer lost the run's partition (${(error as Error).message})`, { cause: error });
  }
}

/** A run's SOURCE counts and its events, PROGRESS at most once per interval. */
class RunProgress {
  counts: SourceCounts = NO_COUNTS;
  private lastProgress = 0;

  constructor(
    private readonly request: RunRequest,
    private readonly emit: RunEventSink,
    private readonly intervalMs: number,
  ) {}

  started = () => this.emit(runEvent(this.request, 'STARTED'));
  finished = () => this.emit(runEvent(this.request, 'FINISHED', { counts: this.counts }));
  failed = (error: string) => this.emit(runEvent(this.request, 'FAILED', { counts: this.counts, error }));

  resumeFrom(counts: SourceCounts): void {
    this.counts = { read: counts.read, published: counts.published, errors: counts.errors };
  }

  async add(batch: SourceCounts): Promise<void> {
    this.counts = addCounts(this.counts, batch);
    if (Date.now() - this.lastProgress < this.intervalMs) return;
    this.lastProgress = Date.now();
    // Progress is news, not state: one that is not published is superseded by the next.
    await this.emit(runEvent(this.request, 'PROGRESS', { counts: this.counts })).catch(() => undefined);
  }
}
