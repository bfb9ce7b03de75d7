import CircuitBreaker from 'opossum';
import { TaxApiFailure } from './tax-api-failure';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitSettings {
  /** Open when more than this share (in %) of the calls in the rolling window failed. */
  readonly errorPercent: number;
  /** How long the circuit stays open before it lets one trial call through (half-open). */
  readonly resetMs: number;
  /** Calls the window must hold before it may open: one failed first call is not an outage. Default 10. */
  readonly volumeThreshold?: number;
  /** The rolling window failures are counted over. Default 10 s. */
  readonly windowMs?: number;
}

export type CircuitListener = (state: CircuitState, previous: CircuitState) => void;

/**
 * An opossum circuit breaker around calls to one TAXMAN endpoint. Only transient failures
 * (timeouts, connection errors, 5xx, 429s) count against it: a 4xx is TAXMAN working as it
 * should on a bad order. Opossum's own timeout is off; the endpoint's per-call timeout already
 * ends a slow call with a TIMEOUT failure that counts. While open, a call is refused at once
 * with a CIRCUIT_OPEN failure and TAXMAN is not called; after resetMs one trial call goes
 * through (half-open), and its outcome closes or reopens the circuit.
 */
export class EndpointCircuit {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private readonly listeners: CircuitListener[] = [];
  private current: CircuitState = 'closed';

  constructor(
    readonly name: string,
    readonly settings: CircuitSettings,
  ) {
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      name,
      timeout: false,
      errorThresholdPercentage: settings.errorPercent,
      resetTimeout: settings.resetMs,
      volumeThreshold: settings.volumeThreshold ?? 10,
      rollingCountTimeout: settings.windowMs ?? 10_000,
      rollingCountBuckets: 10,
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
      errorFilter: (error: unknown) => !(error instanceof TaxApiFailure && error.transient),
    });
    this.breaker.on('open', () => this.moveTo('open'));
    this.breaker.on('halfOpen', () => this.moveTo('half-open'));
    this.breaker.on('close', () => this.moveTo('closed'));
  }

  get state(): CircuitState {
    return this.current;
  }

  /** Called on every change of state, e.g. to pause or resume a pipeline's partitions and to set a gauge. */
  onChange(listener: CircuitListener): void {
    this.listeners.push(listener);
  }

  /** Runs `call` through the circuit; rejects with a CIRCUIT_OPEN TaxApiFailure without calling while open. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(call)) as T;
    } catch (error) {
      if (error instanceof TaxApiFailure || !CircuitBreaker.isOurError(error as Error)) throw error;
      throw new TaxApiFailure('CIRCUIT_OPEN', `${this.name} is ${this.current} after too many failed calls`, { cause: error });
    }
  }

  /** Stops the reset timer and the statistics' interval. */
  shutdown(): void {
    this.breaker.shutdown();
    this.listeners.length = 0;
  }

  private moveTo(state: CircuitState): void {
    const previous = this.current;
    if (previous === state) return;
    this.current = state;
    for (const listener of this.listeners) listener(state, previous);
  }
}
