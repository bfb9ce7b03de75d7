import type { CircuitState, TaxCallObservation } from '@tributary/tax-api';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The circuit gauge's values: a dashboard colours 0 green, 1 amber, 2 red. */
export const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

export interface CircuitLabels {
  readonly endpoint: string;
  readonly tenant: string;
  readonly pipeline: string;
}

/**
 * The tax sink's own Prometheus metrics, beside the runtime's records in/out/failed and lag:
 * circuit state (a gauge, and a counter of transitions, so an open that lasted less than a
 * scrape interval still shows), TAXMAN call latency by outcome, and retries by reason.
 */
export class TaxSinkMetrics {
  readonly circuitState: Gauge<'endpoint' | 'tenant' | 'pipeline'>;
  readonly circuitTransitions: Counter<'endpoint' | 'tenant' | 'pipeline' | 'state'>;
  readonly apiLatency: Histogram<'endpoint' | 'outcome'>;
  readonly retries: Counter<'tenant' | 'pipeline' | 'reason'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.circuitState = new Gauge({
      name: 'tributary_tax_api_circuit_state',
      help: 'Circuit to the TAXMAN endpoint per pipeline: 0 closed, 1 half-open, 2 open.',
      labelNames: ['endpoint', 'tenant', 'pipeline'],
      registers,
    });
    this.circuitTransitions = new Counter({
      name: 'tributary_tax_api_circuit_transitions_total',
      help: 'Times the circuit to TAXMAN entered a state (open, half-open, closed), per pipeline.',
      labelNames: ['endpoint', 'tenant', 'pipeline', 'state'],
      registers,
    });
    this.apiLatency = new Histogram({
      name: 'tributary_tax_api_latency_seconds',
      help: 'Wall time of TAXMAN calls, by outcome (ok or the failure code: TIMEOUT, SERVER_ERROR, RATE_LIMITED, REJECTED...).',
      labelNames: ['endpoint', 'outcome'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.retries = new Counter({
      name: 'tributary_tax_sink_retries_total',
      help: 'Orders sent to <p>.retry after a transient TAXMAN failure, by reason.',
      labelNames: ['tenant', 'pipeline', 'reason'],
      registers,
    });
  }

  circuitChanged(labels: CircuitLabels, state: CircuitState): void {
    this.circuitState.set({ ...labels }, CIRCUIT_STATE_VALUE[state]);
    this.circuitTransitions.inc({ ...labels, state });
  }

  called(endpoint: string, call: TaxCallObservation): void {
    this.apiLatency.observe({ endpoint, outcome: call.outcome }, call.latencyMs / 1000);
  }
}
