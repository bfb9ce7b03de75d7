import type { IncomingMessage, ServerResponse } from 'node:http';

/** The parts of Express's request and response this shell uses (@types/express is not among the workspace's packages). */
export interface HttpRequest extends IncomingMessage {
  body?: unknown;
  readonly path: string;
}

export interface HttpResponse extends ServerResponse {
  status(code: number): this;
  type(mediaType: string): this;
  send(body: string): this;
}
