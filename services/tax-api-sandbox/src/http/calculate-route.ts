import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { IDEMPOTENCY_KEY_HEADER, TAX_CALCULATE_PATH, type ErrorAnswer } from '@tributary/tax-api';
import type { TaxSandbox } from '../tax-sandbox';

/** Largest body taken: about 20,000 order lines. */
const BODY_LIMIT = 5 * 1024 * 1024;

/**
 * POST /v1/tax/calculate served straight from node:http, ahead of Nest and Express, which
 * still serve every other route (knobs, stats, health, the OpenAPI document, where
 * CalculateController documents this one). Why: the benchmark runs the whole platform on two
 * cores at 5,000 orders/s, and Express's router, body parser and response helpers cost the
 * sandbox about as much CPU per call as the calculation itself (see README "Cost per call").
 * The answers are the same TaxSandbox answers either way; start-sandbox.spec.ts checks both.
 */
export function routeCalculateDirectly(server: Server, sandbox: TaxSandbox): void {
  const others = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'POST' && request.url === TAX_CALCULATE_PATH) return calculate(sandbox, request, response);
    for (const listener of others) listener(request, response);
  });
}

function calculate(sandbox: TaxSandbox, request: IncomingMessage, response: ServerResponse): void {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(request.headers['content-type'] ?? '')) {
    request.resume();
    return send(response, 415, {}, problem('UNSUPPORTED_MEDIA_TYPE', 'send the order as application/json'));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= BODY_LIMIT) chunks.push(chunk);
  });
  request.on('end', () => {
    if (size > BODY_LIMIT) return send(response, 413, {}, problem('TOO_LARGE', `the body is over ${BODY_LIMIT} bytes`));
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
    } catch (err) {
      return send(response, 400, {}, problem('INVALID_REQUEST', `the body is not JSON: ${(err as Error).message}`));
    }
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    sandbox.calculate(body, Array.isArray(key) ? key[0] : key).then(
      (answer) => send(response, answer.status, answer.headers, answer.body),
      (err: Error) => send(response, 500, {}, problem('INTERNAL', `the sandbox failed: ${err.message}`)),
    );
  });
}

/** One write: status line, headers and body together. */
function send(response: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: unknown): void {
  if (response.destroyed) return; // cut by an outage meanwhile
  const text = JSON.stringify(body);
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function problem(code: string, message: string): ErrorAnswer {
  return { error: { code, message, problems: [] } };
}
