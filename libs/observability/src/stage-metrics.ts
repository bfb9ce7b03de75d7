import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/** Labels of a record count: which pipeline's records a service moved. */
export interface PipelineLabels {
  readonly tenant: string;
  readonly pipeline: string;
}

/**
 * The Prometheus metrics every stage service exposes on /metrics (DESIGN.md "What every service
 * does the same way"): records in, out and failed per pipeline, and consumer lag per group and
 * partition. A service registers its own (circuit state, API latency...) on `registry`.
 */
export class StageMetrics {
  readonly registry = new Registry();
  readonly recordsIn: Counter<'tenant' | 'pipeline'>;
  readonly recordsOut: Counter<'tenant' | 'pipeline' | 'topic'>;
  readonly recordsFailed: Counter<'tenant' | 'pipeline' | 'outcome'>;
  readonly consumerLag: Gauge<'group' | 'topic' | 'partition'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.recordsIn = new Counter({ name: 'tributary_records_in_total', help: 'Records this service consumed, per pipeline.', labelNames: ['tenant', 'pipeline'], registers });
    this.recordsOut = new Counter({
      name: 'tributary_records_out_total',
      help: 'Records this service published, per pipeline and topic.',
      labelNames: ['tenant', 'pipeline', 'topic'],
      registers,
    });
    this.recordsFailed = new Counter({
      name: 'tributary_records_failed_total',
      help: 'Records that did not pass: outcome error (sent to <p>.errors) or retry (sent to <p>.retry).',
      labelNames: ['tenant', 'pipeline', 'outcome'],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'tributary_consumer_lag',
      help: "Records between a consumer group's committed offset and the partition's end.",
      labelNames: ['group', 'topic', 'partition'],
      registers,
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
