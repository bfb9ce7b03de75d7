import type { IncomingMessage, ServerResponse } from 'node:http';

/** The parts of Express's request and response the control plane touches (no @types/express). */
export interface HttpRequest extends IncomingMessage {
  originalUrl?: string;
  params?: Record<string, string>;
  route?: { path?: string };
}

export interface HttpResponse extends ServerResponse {
  status(code: number): HttpResponse;
  json(body: unknown): void;
}
