import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import type { DeadlineEntry, Expirable } from './deadline-queue';

/** An answer, whatever its status; bodies are small JSON, read whole. */
export interface EndpointAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * One call to an endpoint as an undici dispatch handler: collects the answer's status, headers
 * and body, and settles `answer` once, with the answer, undici's error, or a TimeoutError when
 * its deadline passes first. Why a handler and not `pool.request`: request wraps every answer
 * in a Readable stream (and an AsyncResource) only for us to read it whole; the handler gets
 * the same headers (undici parses them the same way) and the same chunks.
 *
 * On its deadline the call rejects at once, wherever it is: still waiting in the pool's queue
 * for a connection (undici will abort it before sending it, once a connection takes it), or
 * sent and waiting for the answer (aborted now, which closes its connection, as an aborted
 * `pool.request` does).
 */
export class EndpointCall implements Dispatcher.DispatchHandler, Expirable {
  readonly answer: Promise<EndpointAnswer>;
  /** Set by the endpoint once the call is queued against its deadline. */
  deadline: DeadlineEntry | undefined;
  private resolve!: (answer: EndpointAnswer) => void;
  private reject!: (error: unknown) => void;
  private controller: Dispatcher.DispatchController | undefined;
  /** Why the call was given up; it is aborted with this as soon as undici starts it. */
  private abortReason: Error | undefined;
  private settled = false;
  private status = 0;
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];
  private length = 0;

  constructor(private readonly timeoutMs: number) {
    this.answer = new Promise<EndpointAnswer>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.abortReason !== undefined) controller.abort(this.abortReason);
    else this.controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode < 200) return; // 1xx: informational, the answer follows
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  onResponseEnd(): void {
    if (this.settle()) this.resolve({ status: this.status, headers: this.headers, body: this.text() });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settle()) this.reject(error);
  }

  /** The deadline passed: reject now, and abort the request (now, or when undici starts it). */
  expire(): void {
    this.deadline = undefined;
    const reason = new DOMException(`no answer within ${this.timeoutMs} ms`, 'TimeoutError');
    this.abortReason = reason;
    if (!this.settle()) return;
    this.reject(reason);
    this.controller?.abort(reason);
  }

  /** True the first time: the call ends now, and leaves the deadline queue. */
  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.deadline?.remove();
    return true;
  }

  /** The body as text, as undici's `body.text()` reads it: UTF-8, a byte order mark skipped. */
  private text(): string {
    if (this.length === 0) return '';
    const bytes = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
    const start = bytes.length > 2 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return bytes.toString('utf8', start);
  }
}
