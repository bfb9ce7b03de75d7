import { Pool } from 'undici';
import { DeadlineQueue } from './deadline-queue';
import { EndpointCall, type EndpointAnswer } from './endpoint-call';

export type { EndpointAnswer } from './endpoint-call';

export interface TaxmanEndpointOptions {
  /** Base URL of TAXMAN, e.g. https://taxman.example.com or http://127.0.0.1:8090. */
  readonly url: string;
  /** Most connections open at once; calls beyond wait in the pool's queue. Default 128. */
  readonly connections?: number;
  /** Idle connections close after this long (or sooner, when TAXMAN's Keep-Alive header says so). Default 30 s. */
  readonly keepAliveTimeoutMs?: number;
  /** Give up connecting after this long. Default 5 s. */
  readonly connectTimeoutMs?: number;
  /** Sent as the Authorization header of every call (e.g. `Bearer <key>`); never logged. */
  readonly authorization?: string;
}

/**
 * One TAXMAN endpoint: an undici Pool of keep-alive connections to its origin, shared by every
 * pipeline that calls it (one TCP+TLS handshake per connection, not per order). Knows HTTP, not
 * tax: a call either answers (any status) or throws undici's error, which the caller classifies.
 */
export class TaxmanEndpoint {
  readonly url: string;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly authorization: Record<string, string>;
  private readonly deadlines = new DeadlineQueue();

  constructor(options: TaxmanEndpointOptions) {
    const url = new URL(options.url);
    if (url.username || url.password) throw new TypeError('the TAXMAN URL must not carry credentials; pass them as authorization');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`the TAXMAN URL must be http(s), got ${url.protocol}`);
    this.url = url.origin + url.pathname.replace(/\/$/, '');
    this.basePath = url.pathname.replace(/\/$/, '');
    this.authorization = options.authorization ? { authorization: options.authorization } : {};
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 128,
      pipelining: 1,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      connect: { timeout: options.connectTimeoutMs ?? 5_000 },
    });
  }

  /**
   * POSTs `body` as JSON. `timeoutMs` bounds the whole call, waiting for a connection
   * included: past it the call rejects with a TimeoutError, and the request is aborted (or,
   * still queued, never sent). undici's own headers and body timeouts are set to the same
   * bound but only start once the request is written, so they cannot be the bound alone.
   */
  postJson(path: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<EndpointAnswer> {
    const call = new EndpointCall(timeoutMs);
    call.deadline = this.deadlines.add(call, timeoutMs);
    this.pool.dispatch(
      {
        method: 'POST',
        path: this.basePath + path,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...this.authorization, ...headers },
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
      call,
    );
    return call.answer;
  }

  /** Waits for calls in flight, then closes every connection. */
  async close(): Promise<void> {
    if (!this.pool.closed) await this.pool.close();
    this.deadlines.close();
  }
}
