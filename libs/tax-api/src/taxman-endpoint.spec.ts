import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TaxmanEndpoint } from './taxman-endpoint';

/** A stand-in server whose answer each test sets; it counts the requests it was sent. */
let handle: (request: IncomingMessage, body: string, response: ServerResponse) => void;
let received = 0;
let server: Server;
let url: string;

before(async () => {
  server = createServer(async (request, response) => {
    received += 1;
    let body = '';
    for await (const chunk of request) body += chunk;
    handle(request, body, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`;
});
after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

describe('a TAXMAN endpoint', () => {
  it('answers with any status, its headers and its whole body as text', async () => {
    handle = (request, body, response) => {
      response.writeHead(418, { 'content-type': 'application/json', 'x-seen': `${request.method} ${request.url} ${request.headers['idempotency-key']} ${body}` });
      // Three writes, a byte order mark first and a character split across writes: read as one UTF-8 text.
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"tax":"1 €"}')]);
      response.write(bytes.subarray(0, 12));
      response.write(bytes.subarray(12, 14));
      response.end(bytes.subarray(14));
    };
    const endpoint = new TaxmanEndpoint({ url });
    const answer = await endpoint.postJson('/v1/x', '{"a":1}', { 'idempotency-key': 'k1' }, 1_000);
    await endpoint.close();
    assert.equal(answer.status, 418);
    assert.equal(answer.headers['x-seen'], 'POST /base/v1/x k1 {"a":1}');
    assert.equal(answer.body, '{"tax":"1 €"}');
  });

  it('gives up on a call at its deadline, even while it waits for a connection, and never sends it then', async () => {
    const hanging: ServerResponse[] = [];
    handle = (_request, _body, response) => void hanging.push(response);
    received = 0;
    const endpoint = new TaxmanEndpoint({ url, connections: 1 });
    const started = performance.now();
    const failureOf = (call: Promise<unknown>) =>
      call.then(
        () => assert.fail('expected a timeout'),
        (error: Error) => ({ error, after: performance.now() - started }),
      );
    const first = failureOf(endpoint.postJson('/v1/x', '{}', {}, 600));
    const queued = failureOf(endpoint.postJson('/v1/x', '{}', {}, 150));
    const waited = await queued;
    assert.equal(waited.error.name, 'TimeoutError');
    assert.match(waited.error.message, /no answer within 150 ms/);
    assert.ok(waited.after >= 149 && waited.after < 550, `the queued call gave up after ${waited.after} ms, not when the connection freed`);
    const hung = await first;
    assert.equal(hung.error.name, 'TimeoutError');
    assert.ok(hung.after >= 599, `the sent call gave up after ${hung.after} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await endpoint.close();
    for (const response of hanging) response.destroy();
    assert.equal(received, 1, 'the call that expired in the queue was never sent');
  });

  it('fails with undici error when nobody listens', async () => {
    const endpoint = new TaxmanEndpoint({ url: 'http://127.0.0.1:1' });
    const error = await endpoint.postJson('/v1/x', '{}', {}, 1_000).then(() => assert.fail('expected a failure'), (e: { code?: string }) => e);
    await endpoint.close();
    assert.equal(error.code, 'ECONNREFUSED');
  });
});
