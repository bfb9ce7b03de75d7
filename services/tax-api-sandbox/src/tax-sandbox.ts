import { createHash, randomUUID } from 'node:crypto';
import type { ErrorAnswer, TaxResponse } from '@tributary/tax-api';
import { IdempotencyStore } from './idempotency-store';
import { checkOrder } from './order-checks';
import { OutageWindows } from './outage-windows';
import { DEFAULT_KNOBS, knobsSchema, type Knobs, type KnobsChange } from './sandbox-knobs';
import { SandboxStats, type SandboxStatsSnapshot } from './sandbox-stats';
import { calculateTax } from './tax-calculation';

/** An HTTP answer without HTTP: the controller writes it as it is. */
export interface SandboxAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: TaxResponse | ErrorAnswer;
}

export interface TaxSandboxOptions {
  readonly knobs?: Partial<Knobs>;
  /** Draws for the fault knobs and jitter; default Math.random (seededRandom for repeatable runs). */
  readonly random?: () => number;
  /** Idempotency keys kept; default 1,000,000. */
  readonly maxKeys?: number;
}

/** Idempotency keys are visible ASCII, as HTTP header values allow, up to 255 characters. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The TAXMAN stand-in, framework-free: one call of POST /v1/tax/calculate as a function of its
 * body and Idempotency-Key, with the fault knobs applied in the order a real outage would show
 * them: down (503), throttled (429), failing (5xx), slow (latency), then the request is checked
 * (400/422) and calculated, or answered from the idempotency store.
 */
export class TaxSandbox {
  readonly stats = new SandboxStats();
  readonly outages = new OutageWindows();
  private knobSettings: Knobs;
  private readonly store: IdempotencyStore;
  private readonly random: () => number;

  constructor(options: TaxSandboxOptions = {}) {
    this.knobSettings = knobsSchema.parse({ ...DEFAULT_KNOBS, ...options.knobs });
    this.random = options.random ?? Math.random;
    this.store = new IdempotencyStore(options.maxKeys ?? 1_000_000);
  }

  get knobs(): Knobs {
    return this.knobSettings;
  }

  /** Applies a PUT /v1/knobs (already checked against knobsChangeSchema). */
  changeKnobs(change: KnobsChange): Knobs {
    const { outage, ...knobs } = change;
    this.knobSettings = knobsSchema.parse({ ...this.knobSettings, ...knobs });
    if (outage === null) this.outages.end();
    else if (outage !== undefined) this.outages.start(outage.seconds * 1000, outage.mode ?? this.knobSettings.outageMode);
    return this.knobSettings;
  }

  statistics(): SandboxStatsSnapshot {
    return this.stats.snapshot(this.store.size);
  }

  async calculate(body: unknown, idempotencyKey: string | undefined): Promise<SandboxAnswer> {
    const { stats, knobSettings: knobs } = this;
    stats.count('requests');
    const outage = this.outages.current;
    if (outage !== null) {
      // In refuse mode the port is closed; a call that slipped in as it closed gets the 503 too.
      stats.count('unavailable');
      stats.count('injectedErrors');
      return failure(503, 'UNAVAILABLE', 'TAXMAN is down for maintenance', { 'retry-after': String(Math.max(1, Math.ceil((outage.until - Date.now()) / 1000))) });
    }
    if (this.random() < knobs.throttleRate) {
      stats.count('throttled');
      stats.count('injectedErrors');
      return failure(429, 'RATE_LIMITED', 'too many requests', { 'retry-after': String(knobs.retryAfterSeconds) });
    }
    if (this.random() < knobs.errorRate) {
      stats.count('injectedErrors');
      return failure(knobs.errorStatus, 'INTERNAL', 'an injected failure (SANDBOX errorRate)');
    }
    const delay = knobs.latencyMs + (knobs.jitterMs > 0 ? this.random() * knobs.jitterMs : 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    return this.answer(body, idempotencyKey);
  }

  /** Stops the outage timers. */
  close(): void {
    this.outages.stop();
  }

  private answer(body: unknown, key: string | undefined): SandboxAnswer {
    const { stats } = this;
    if (key === undefined || !KEY.test(key)) {
      stats.count('rejected');
      return failure(400, 'IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header: 1 to 255 visible ASCII characters, the same for every try of one order');
    }
    const check = checkOrder(body);
    if (!check.ok) {
      stats.count('rejected');
      return { status: check.status, headers: {}, body: check.answer };
    }
    const request = check.request;
    const bodyHash = createHash('sha256').update(JSON.stringify(request)).digest('base64url');
    const stored = this.store.get(key);
    if (stored !== undefined && stored.bodyHash !== bodyHash) {
      stats.count('rejected');
      return failure(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');
    }
    // No await from the store lookup to the store write: two calls with one key cannot both calculate.
    const calculation = stored ?? { calculationId: `calc_${randomUUID().replace(/-/g, '')}`, calculatedAt: new Date().toISOString(), bodyHash };
    const response: TaxResponse = { calculationId: calculation.calculationId, calculatedAt: calculation.calculatedAt, ...calculateTax(request) };
    if (stored !== undefined) {
      stats.count('replays');
      return { status: 200, headers: { 'idempotent-replayed': 'true' }, body: response };
    }
    this.store.set(key, calculation);
    stats.calculated(request.companyCode, request.orderId, bodyHash);
    if (this.random() < this.knobSettings.lostAnswerRate) {
      stats.count('lostAnswers');
      stats.count('injectedErrors');
      return failure(500, 'INTERNAL', 'an injected failure after the calculation was made (SANDBOX lostAnswerRate)');
    }
    return { status: 200, headers: {}, body: response };
  }
}

function failure(status: number, code: string, message: string, headers: Record<string, string> = {}): SandboxAnswer {
  return { status, headers, body: { error: { code, message, problems: [] } } };
}
