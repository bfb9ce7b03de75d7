import { platformType, type TaxOrder } from '@tributary/avro';
import { stageTopic } from '@tributary/pipeline-spec';
import type { ConsumerRunnerOptions, RecordHandler, StreamProducer, TopicPartitions } from '@tributary/stream';
import { TaxmanClient, type CircuitState, type TaxmanEndpoint } from '@tributary/tax-api';
import { taxOrderHandler } from './tax-order-handler';
import { retryScheduleOf, type TaxSinkSettings } from './tax-sink-settings';
import type { TaxSinkMetrics } from './tax-sink-metrics';

/** What the sink needs of a pipeline's ConsumerRunner. */
export interface PartitionControl {
  pause(topicPartitions: readonly TopicPartitions[]): void;
  resume(topicPartitions: readonly TopicPartitions[]): void;
  paused(): TopicPartitions[];
}

export interface SinkLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface PipelineTaxSinkOptions {
  readonly tenant: string;
  readonly pipeline: string;
  readonly settings: TaxSinkSettings;
  readonly endpoint: TaxmanEndpoint;
  readonly producer: StreamProducer;
  readonly metrics: TaxSinkMetrics;
  /** The pipeline's ConsumerRunner, once it runs (created after the handler). */
  readonly partitions: () => PartitionControl | undefined;
  readonly logger: SinkLogger;
  readonly onPublished?: (topic: string) => void;
  /** How often paused partitions are checked against a circuit no longer open; default 1000 ms. */
  readonly watchdogMs?: number;
}

/**
 * The tax sink of one pipeline: its TAXMAN client (circuit and concurrency bound), its record
 * handler, and back-pressure. When the circuit opens, both input topics pause, so the backlog
 * waits in Kafka, not in memory; when it half-opens they resume, the first order is the trial
 * call and the others are handed back (PAUSE_PARTITION) until the trial closes the circuit,
 * which resumes everything. With records in flight, the runner applies a record's pause only
 * once the records before it are done, which can be after the circuit closed: a watchdog
 * lifts the pauses of a circuit that is no longer open. Pauses on these topics are only ever
 * this sink's (the runner's retry and backoff holds are of other kinds and are left alone).
 */
export class PipelineTaxSink {
  readonly client: TaxmanClient;
  readonly handle: RecordHandler<TaxOrder>;
  readonly topics: { readonly valid: string; readonly retry: string; readonly results: string };
  private readonly watchdog: NodeJS.Timeout;

  constructor(private readonly options: PipelineTaxSinkOptions) {
    const { tenant, pipeline, settings, endpoint, producer, metrics } = options;
    this.topics = { valid: stageTopic(tenant, pipeline, 'valid'), retry: stageTopic(tenant, pipeline, 'retry'), results: stageTopic(tenant, pipeline, 'results') };
    this.client = new TaxmanClient({ endpoint, scope: { tenant, pipeline }, settings, onCall: (call) => metrics.called(endpoint.url, call) });
    const labels = { endpoint: endpoint.url, tenant, pipeline };
    metrics.circuitState.set(labels, 0);
    this.client.circuit.onChange((state, previous) => this.circuitMoved(state, previous));
    this.handle = taxOrderHandler({
      client: this.client,
      producer,
      resultsTopic: this.topics.results,
      schedule: retryScheduleOf(settings),
      onRetry: (reason) => metrics.retries.inc({ tenant, pipeline, reason }),
      onPublished: () => options.onPublished?.(this.topics.results),
    });
    this.watchdog = setInterval(() => this.liftStalePauses(), options.watchdogMs ?? 1000);
    this.watchdog.unref();
  }

  /** The ConsumerRunner settings this pipeline's sink asks for. */
  runnerOptions(): Partial<ConsumerRunnerOptions<TaxOrder>> {
    const { settings } = this.options;
    return { readerType: platformType('tax-order'), inFlight: settings.concurrency, retry: retryScheduleOf(settings) };
  }

  get settings(): TaxSinkSettings {
    return this.options.settings;
  }

  get circuitState(): CircuitState {
    return this.client.circuit.state;
  }

  /** Stops the watchdog and the circuit's timers; in-flight calls finish on their own. */
  close(): void {
    clearInterval(this.watchdog);
    this.client.shutdown();
  }

  private circuitMoved(state: CircuitState, previous: CircuitState): void {
    const { tenant, pipeline, endpoint, metrics, logger } = this.options;
    metrics.circuitChanged({ endpoint: endpoint.url, tenant, pipeline }, state);
    const inputs = [{ topic: this.topics.valid }, { topic: this.topics.retry }];
    const runner = this.options.partitions();
    if (state === 'open') {
      runner?.pause(inputs);
      logger.warn({ tenant, pipeline, endpoint: endpoint.url, from: previous }, 'TAXMAN circuit open: partitions paused, the backlog waits in Kafka');
    } else {
      runner?.resume(inputs);
      logger.info({ tenant, pipeline, endpoint: endpoint.url, from: previous, state }, state === 'closed' ? 'TAXMAN circuit closed: partitions resumed' : 'TAXMAN circuit half-open: a trial call goes through');
    }
  }

  private liftStalePauses(): void {
    if (this.client.circuit.state === 'open') return;
    const runner = this.options.partitions();
    if (!runner) return;
    const ours = new Set([this.topics.valid, this.topics.retry]);
    const held = runner.paused().filter((tp) => ours.has(tp.topic));
    if (held.length > 0) runner.resume(held.map(({ topic }) => ({ topic })));
  }
}
