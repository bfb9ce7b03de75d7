import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { readPlatformSchema, type RunEvent, type RunQualityFigures } from '@tributary/avro';
import { INTERNAL_TOPICS } from '@tributary/pipeline-spec';
import type { ConsumedRecord, ErrorStage, StreamProducer } from '@tributary/stream';

interface Tally {
  readonly tenant: string;
  readonly pipeline: string;
  recordsIn: number;
  recordsOut: number;
  errors: number;
  filtered: number;
  /** Counts not reported yet. */
  changed: boolean;
  /** Quality figures (when the stage has them) not reported since the counts last changed. */
  qualityStale: boolean;
  lastSeen: number;
}

export interface RunStageCounterOptions {
  readonly stage: ErrorStage;
  readonly producer: StreamProducer;
  readonly logger: { warn(fields: object, message: string): void };
  /** How often changed counts are reported; default 2 s. */
  readonly intervalMs?: number;
  /** Runs with no record for this long are forgotten once reported; default 10 minutes. */
  readonly forgetAfterMs?: number;
  /** Runs kept at most (the least recently seen go first, reported or not); default 10,000. */
  readonly maxRuns?: number;
  /** The stage's data-quality figures of a run so far (the validator's), sent with its counts. */
  readonly qualityOf?: (runId: string) => RunQualityFigures | undefined;
}

/**
 * What this instance of a stage did for each run: records taken in (first deliveries; a retry
 * is the same record), passed on, and failed to `<p>.errors`. Reported as PROGRESS RunEvents on
 * `_tributary.runs`, cumulative and under this instance's reporter id, every `intervalMs` while
 * they change and before a batch's offsets are committed (flush): the control plane adds up a stage's reporters, so a run's detail (and `tributary
 * run --follow`) shows every stage's progress, however many instances it runs as. Counts are
 * at-least-once like the records: after a crash the records redelivered are counted again by
 * the instance that takes them over. A record the transformer's filter drops counts as filtered.
 */
export class RunStageCounter {
  /** Host, process and a random part: a restarted process reports as a new instance. */
  readonly reporter = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private readonly runs = new Map<string, Tally>();
  private readonly schema = readPlatformSchema('run-event');
  private timer: NodeJS.Timeout | undefined;
  private reporting: Promise<void> | undefined;

  constructor(private readonly options: RunStageCounterOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.report(), this.options.intervalMs ?? 2000);
    this.timer.unref();
  }

  /** Stops the timer and reports what changed since the last report. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.reporting;
    await this.report();
  }

  /** A record handled and passed on. */
  passed(record: ConsumedRecord<unknown>): void {
    const tally = this.tallyOf(record);
    if (tally) tally.recordsOut++;
  }

  /** A record dropped on purpose (a filter step): done, nothing passed on. */
  filtered(record: ConsumedRecord<unknown>): void {
    const tally = this.tallyOf(record);
    if (tally) tally.filtered++;
  }

  /** A record sent to `<p>.errors`. */
  failed(record: ConsumedRecord<unknown>): void {
    const tally = this.tallyOf(record);
    if (tally) tally.errors++;
  }

  /** A record sent to `<p>.retry`: taken in, not yet passed on nor failed. */
  retried(record: ConsumedRecord<unknown>): void {
    this.tallyOf(record);
  }

  /**
   * Publishes every count made so far, waiting for a report already under way first (it may
   * have taken its snapshot before the latest counts). Called before a batch's offsets are
   * committed: once a record is committed no instance will see it again, so its count must be
   * out first, or a crash in between loses it and the run shows fewer records than it had.
   * These reports carry the counts only: the quality figures (sketches, kilobytes) go with the
   * timed reports.
   */
  async flush(): Promise<void> {
    await this.reporting;
    await this.report(false);
  }

  /** Publishes the changed counts now (one report at a time); a failed report is tried again at the next. */
  report(withQuality = true): Promise<void> {
    this.reporting ??= this.publishChanged(withQuality).finally(() => (this.reporting = undefined));
    return this.reporting;
  }

  private tallyOf(record: ConsumedRecord<unknown>): Tally | undefined {
    const { runId, tenant, pipeline } = record.context;
    if (runId === undefined || tenant === undefined || pipeline === undefined) return undefined;
    let tally = this.runs.get(runId);
    if (tally === undefined) {
      if (this.runs.size >= (this.options.maxRuns ?? 10_000)) this.runs.delete(this.runs.keys().next().value!);
      tally = { tenant, pipeline, recordsIn: 0, recordsOut: 0, errors: 0, filtered: 0, changed: false, qualityStale: false, lastSeen: 0 };
    } else {
      // Re-inserted: the map's order is least recently seen first.
      this.runs.delete(runId);
    }
    this.runs.set(runId, tally);
    if (record.attempt === 1) tally.recordsIn++;
    tally.changed = true;
    tally.qualityStale = this.options.qualityOf !== undefined;
    tally.lastSeen = Date.now();
    return tally;
  }

  private async publishChanged(withQuality: boolean): Promise<void> {
    const now = Date.now();
    const due = (tally: Tally) => tally.changed || (withQuality && tally.qualityStale);
    const changed = [...this.runs].filter(([, tally]) => due(tally));
    for (const [runId, tally] of this.runs) {
      if (!tally.changed && !tally.qualityStale && now - tally.lastSeen > (this.options.forgetAfterMs ?? 600_000)) this.runs.delete(runId);
    }
    if (changed.length === 0) return;
    const before = changed.map(([, tally]) => [tally.changed, tally.qualityStale] as const);
    for (const [, tally] of changed) {
      tally.changed = false;
      if (withQuality) tally.qualityStale = false;
    }
    const events: RunEvent[] = changed.map(([runId, t]) => ({
      eventId: randomUUID(),
      runId,
      tenant: t.tenant,
      pipeline: t.pipeline,
      type: 'PROGRESS',
      at: new Date(now),
      trigger: null,
      requestedBy: null,
      mode: null,
      counts: [{ stage: this.options.stage, recordsIn: t.recordsIn, recordsOut: t.recordsOut, errors: t.errors, filtered: t.filtered }],
      error: null,
      reporter: this.reporter,
      quality: withQuality ? (this.options.qualityOf?.(runId) ?? null) : null,
    }));
    try {
      await this.options.producer.publish(
        INTERNAL_TOPICS.runs,
        events.map((event) => ({ key: event.runId, value: event })),
        { schema: this.schema },
      );
    } catch (err) {
      changed.forEach(([, tally], i) => {
        tally.changed ||= before[i][0];
        tally.qualityStale ||= before[i][1];
      });
      this.options.logger.warn({ err: (err as Error).message, runs: changed.length }, 'could not report run counts; trying again at the next report');
    }
  }
}
