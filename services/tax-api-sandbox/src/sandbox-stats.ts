/** What GET /v1/stats answers. */
export interface SandboxStatsSnapshot {
  /** Calls to POST /v1/tax/calculate, whatever became of them. */
  readonly requests: number;
  /** Orders calculated (a new idempotency key with a valid order). */
  readonly calculations: number;
  /** Calls answered from the idempotency store with an earlier calculation. */
  readonly replays: number;
  /** Distinct (companyCode, orderId) calculated at least once. */
  readonly distinctOrders: number;
  /** Distinct (companyCode, orderId, request body) calculated: every version of every order. */
  readonly distinctDocuments: number;
  /**
   * Calculations of a document (same company, order id and body) that had already been
   * calculated under another key: the same order taxed twice. A client with stable keys keeps it 0.
   */
  readonly taxedTwice: number;
  /** 400 and 422 answers (invalid requests and orders, reused keys, missing keys). */
  readonly rejected: number;
  /** Injected by the knobs: 5xx before calculating, 429s, 503s during an outage, 5xx after calculating. */
  readonly injectedErrors: number;
  readonly throttled: number;
  readonly unavailable: number;
  readonly lostAnswers: number;
  /** Idempotency keys kept now. */
  readonly keysKept: number;
}

type Counter = 'requests' | 'replays' | 'rejected' | 'injectedErrors' | 'throttled' | 'unavailable' | 'lostAnswers';

/** The sandbox's counts, so a test can prove what a client did: e.g. that no order was taxed twice. */
export class SandboxStats {
  private readonly counts: Record<Counter, number> = { requests: 0, replays: 0, rejected: 0, injectedErrors: 0, throttled: 0, unavailable: 0, lostAnswers: 0 };
  private readonly orders = new Set<string>();
  private readonly documents = new Set<string>();
  private calculations = 0;
  private taxedTwice = 0;

  count(counter: Counter): void {
    this.counts[counter] += 1;
  }

  calculated(companyCode: string, orderId: string, bodyHash: string): void {
    this.calculations += 1;
    this.orders.add(`${companyCode}\0${orderId}`);
    const document = `${companyCode}\0${orderId}\0${bodyHash}`;
    if (this.documents.has(document)) this.taxedTwice += 1;
    else this.documents.add(document);
  }

  snapshot(keysKept: number): SandboxStatsSnapshot {
    return {
      ...this.counts,
      calculations: this.calculations,
      distinctOrders: this.orders.size,
      distinctDocuments: this.documents.size,
      taxedTwice: this.taxedTwice,
      keysKept,
    };
  }
}
