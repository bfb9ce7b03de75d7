import type { TaxOrder, TaxResult } from '@tributary/avro';
import { ConcurrencyLimit } from './concurrency-limit';
import { EndpointCircuit, type CircuitSettings } from './endpoint-circuit';
import { idempotencyKeyOf, type OrderScope } from './idempotency-key';
import { InvalidAnswerError, parseTaxResponse, taxResultOf } from './tax-answer';
import { failureOfAnswer, failureOfError, TaxApiFailure, type TaxApiFailureCode } from './tax-api-failure';
import { taxRequestOf } from './tax-request';
import { IDEMPOTENCY_KEY_HEADER, TAX_CALCULATE_PATH } from './taxman-contract';
import type { TaxmanEndpoint } from './taxman-endpoint';

/** A pipeline's taxApi sink settings, as far as calling goes (libs/pipeline-spec sinks.ts). */
export interface TaxApiSettings {
  /** Bound on one call, waiting for a connection included. */
  readonly timeoutMs: number;
  /** Calls this pipeline has in flight at most. */
  readonly concurrency: number;
  readonly circuit: CircuitSettings;
}

/** One call as a metric sees it: how it ended and how long it took. Circuit refusals are not calls. */
export interface TaxCallObservation {
  readonly outcome: 'ok' | TaxApiFailureCode;
  readonly status?: number;
  readonly latencyMs: number;
}

export interface TaxmanClientOptions {
  readonly endpoint: TaxmanEndpoint;
  /** Whose orders these are: the idempotency key's scope and TAXMAN's company code (the tenant). */
  readonly scope: OrderScope;
  readonly settings: TaxApiSettings;
  readonly onCall?: (observation: TaxCallObservation) => void;
}

/**
 * One pipeline's way to TAXMAN: its own circuit and concurrency bound over the endpoint's shared
 * connection pool. Why a circuit per pipeline and not one per endpoint: TAXMAN's limits (429s)
 * and credentials are per company, so one tenant being throttled or misconfigured must not
 * pause another tenant's pipelines; and each pipeline declares its own circuit settings. An
 * endpoint that is down opens every pipeline's circuit within its own volume threshold.
 */
export class TaxmanClient {
  readonly circuit: EndpointCircuit;
  private readonly limit: ConcurrencyLimit;

  constructor(private readonly options: TaxmanClientOptions) {
    const { endpoint, scope, settings } = options;
    this.limit = new ConcurrencyLimit(settings.concurrency);
    this.circuit = new EndpointCircuit(`${endpoint.url} for ${scope.tenant}/${scope.pipeline}`, settings.circuit);
  }

  /**
   * TAXMAN's tax on one order, as the TaxResult to publish. `attempt` is the delivery's try
   * (1 first, n after n-1 transient failures). Throws a TaxApiFailure: `transient` ones are
   * worth retrying (CIRCUIT_OPEN means no call was made), the others never are.
   */
  async calculate(order: TaxOrder, attempt: number): Promise<TaxResult> {
    const { scope } = this.options;
    const body = JSON.stringify(taxRequestOf(order, scope.tenant));
    const key = idempotencyKeyOf(scope, order.orderId, body);
    return this.limit.run(() => this.circuit.run(() => this.call(order, body, key, attempt)));
  }

  shutdown(): void {
    this.circuit.shutdown();
  }

  private async call(order: TaxOrder, body: string, key: string, attempt: number): Promise<TaxResult> {
    const { endpoint, settings, scope } = this.options;
    const started = performance.now();
    let answer;
    try {
      answer = await endpoint.postJson(TAX_CALCULATE_PATH, body, { [IDEMPOTENCY_KEY_HEADER]: key }, settings.timeoutMs);
    } catch (error) {
      const failure = failureOfError(error);
      this.observe(failure.code, started);
      throw failure;
    }
    if (answer.status < 200 || answer.status > 299) {
      const failure = failureOfAnswer(answer.status, answer.headers, answer.body);
      this.observe(failure.code, started, answer.status);
      throw failure;
    }
    const latencyMs = performance.now() - started;
    try {
      const result = taxResultOf(scope, order, parseTaxResponse(JSON.parse(answer.body)), { attempt, latencyMs, answeredAt: new Date() });
      this.observe('ok', started, answer.status);
      return result;
    } catch (error) {
      const reason = error instanceof InvalidAnswerError ? error.message : `the body is not JSON or not exact: ${(error as Error).message}`;
      const failure = new TaxApiFailure('INVALID_ANSWER', reason, { status: answer.status, answer: answer.body.slice(0, 2_000), cause: error });
      this.observe(failure.code, started, answer.status);
      throw failure;
    }
  }

  private observe(outcome: TaxCallObservation['outcome'], started: number, status?: number): void {
    const { onCall } = this.options;
    if (onCall === undefined) return;
    const latencyMs = performance.now() - started;
    onCall(status === undefined ? { outcome, latencyMs } : { outcome, latencyMs, status });
  }
}
