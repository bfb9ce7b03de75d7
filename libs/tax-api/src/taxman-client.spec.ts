import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { freePort } from '@tributary/testing';
import type { TaxOrder } from '@tributary/avro';
import type { CircuitState } from './endpoint-circuit';
import { TaxApiFailure } from './tax-api-failure';
import { taxOrderFixture } from './tax-order-fixture';
import { TaxmanClient, type TaxApiSettings, type TaxCallObservation } from './taxman-client';
import { TaxmanEndpoint } from './taxman-endpoint';

/** A stand-in TAXMAN whose answer each test sets; it records what it was sent. */
type Reply = (request: { body: Record<string, unknown>; key: string | undefined }, response: ServerResponse) => void | Promise<void>;
let reply: Reply;
const seen: Array<{ key: string | undefined; authorization?: string; body: Record<string, unknown> }> = [];
let server: Server;
let url: string;

function calculation(body: Record<string, unknown>) {
  const lines = (body.lines as Array<{ lineNumber: number; sku: string }>).map((l) => ({
    lineNumber: l.lineNumber, sku: l.sku, amount: '10', taxableAmount: '10', exemptAmount: '0', tax: '0.5', taxCode: 'P0000000', jurisdictions: [],
  }));
  return { calculationId: `calc_${seen.length}`, orderId: body.orderId, currency: body.currency, calculatedAt: new Date().toISOString(),
    totalAmount: '20', totalTaxable: '20', totalExempt: '0', totalTax: '1', lines, jurisdictions: [] };
}
const ok: Reply = ({ body }, response) => json(response, 200, calculation(body));
function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

before(async () => {
  server = createServer(async (request: IncomingMessage, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    const entry = { key: request.headers['idempotency-key'] as string | undefined, authorization: request.headers.authorization, body: JSON.parse(text) as Record<string, unknown> };
    seen.push(entry);
    await reply(entry, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

const settings: TaxApiSettings = { timeoutMs: 500, concurrency: 4, circuit: { errorPercent: 50, resetMs: 200, volumeThreshold: 3 } };
const scope = { tenant: 'acme', pipeline: 'erp-orders' };

function clientFor(options: { settings?: TaxApiSettings; endpoint?: TaxmanEndpoint } = {}) {
  const endpoint = options.endpoint ?? new TaxmanEndpoint({ url });
  const calls: TaxCallObservation[] = [];
  const client = new TaxmanClient({ endpoint, scope, settings: options.settings ?? settings, onCall: (c) => calls.push(c) });
  return { client, calls, endpoint, close: async () => { client.shutdown(); await endpoint.close(); } };
}
async function failureOf(promise: Promise<unknown>): Promise<TaxApiFailure> {
  const error = await promise.then(() => assert.fail('expected a failure'), (e: unknown) => e);
  assert.ok(error instanceof TaxApiFailure, String(error));
  return error;
}

describe('the TAXMAN client', () => {
  it('posts the order with its idempotency key and credentials, and returns the TaxResult of the answer', async () => {
    reply = ok;
    seen.length = 0;
    const { client, calls, close } = clientFor({ endpoint: new TaxmanEndpoint({ url, authorization: 'Bearer k-123' }) });
    const order = taxOrderFixture();
    const result = await client.calculate(order, 3);
    const again = await client.calculate(order, 4);
    await close();
    assert.equal(result.orderId, 'SO-1001');
    assert.equal(result.totalTax, '1.0000');
    assert.equal(result.attempt, 3);
    assert.equal(seen[0].body.companyCode, 'acme');
    assert.equal(seen[0].authorization, 'Bearer k-123');
    assert.match(seen[0].key!, /^trb1_/);
    assert.equal(seen[1].key, seen[0].key, 'the same order is sent under the same key');
    assert.equal(again.attempt, 4);
    assert.deepEqual(calls.map((c) => [c.outcome, c.status]), [['ok', 200], ['ok', 200]]);
  });

  it('refuses a URL that carries credentials', () => {
    assert.throws(() => new TaxmanEndpoint({ url: 'http://user:secret@127.0.0.1:1' }), /must not carry credentials/);
  });

  it('fails for good on a 4xx, keeping TAXMAN answer and problems', async () => {
    reply = (_, response) => json(response, 422, { error: { code: 'INVALID_ORDER', message: 'bad', problems: [{ field: 'currency', code: 'UNKNOWN_CURRENCY', message: 'XYZ is not a currency' }] } });
    const { client, close } = clientFor();
    const failure = await failureOf(client.calculate(taxOrderFixture(), 1));
    await close();
    assert.equal(failure.code, 'REJECTED');
    assert.equal(failure.transient, false);
    assert.equal(failure.reasons()[1].field, 'currency');
  });

  it('fails transiently on a 503, a 429 with its Retry-After, a timeout and a refused connection', async () => {
    const { client, close } = clientFor({ settings: { ...settings, circuit: { ...settings.circuit, volumeThreshold: 100 } } });
    reply = (_, response) => json(response, 503, { error: { code: 'UNAVAILABLE', message: 'down' } });
    assert.equal((await failureOf(client.calculate(taxOrderFixture(), 1))).code, 'SERVER_ERROR');
    reply = (_, response) => json(response, 429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }, { 'retry-after': '2' });
    const throttled = await failureOf(client.calculate(taxOrderFixture(), 1));
    assert.deepEqual([throttled.code, throttled.transient, throttled.details.retryAfterMs], ['RATE_LIMITED', true, 2000]);
    reply = () => new Promise(() => {}); // never answers
    assert.equal((await failureOf(client.calculate(taxOrderFixture(), 1))).code, 'TIMEOUT');
    await close();

    const nobody = clientFor({ endpoint: new TaxmanEndpoint({ url: `http://127.0.0.1:${await freePort()}` }) });
    const refused = await failureOf(nobody.client.calculate(taxOrderFixture(), 1));
    await nobody.close();
    assert.deepEqual([refused.code, refused.transient], ['CONNECTION', true]);
  });

  it('fails transiently on a 2xx that is not a calculation of the order', async () => {
    reply = (_, response) => json(response, 200, { calculationId: 'c', orderId: 'SOMEONE-ELSE' });
    const { client, close } = clientFor();
    const failure = await failureOf(client.calculate(taxOrderFixture(), 1));
    await close();
    assert.equal(failure.code, 'INVALID_ANSWER');
  });

  it('opens its circuit after failures, refuses without calling, and closes after a good trial call', async () => {
    const { client, close } = clientFor();
    const states: CircuitState[] = [];
    client.circuit.onChange((state) => states.push(state));
    reply = (_, response) => json(response, 500, { error: { code: 'INTERNAL', message: 'oops' } });
    for (let i = 0; i < 3; i++) await failureOf(client.calculate(taxOrderFixture(), 1));
    assert.equal(client.circuit.state, 'open');
    seen.length = 0;
    assert.equal((await failureOf(client.calculate(taxOrderFixture(), 1))).code, 'CIRCUIT_OPEN');
    assert.equal(seen.length, 0, 'no call while open');

    reply = ok;
    while ((client.circuit.state as CircuitState) !== 'half-open') await new Promise((resolve) => setTimeout(resolve, 20));
    await client.calculate(taxOrderFixture(), 2);
    await close();
    assert.deepEqual(states, ['open', 'half-open', 'closed']);
  });

  it('does not count 4xx answers against the circuit', async () => {
    reply = (_, response) => json(response, 400, { error: { code: 'INVALID_REQUEST', message: 'no' } });
    const { client, close } = clientFor();
    for (let i = 0; i < 6; i++) await failureOf(client.calculate(taxOrderFixture(), 1));
    const state = client.circuit.state;
    await close();
    assert.equal(state, 'closed');
  });

  it('keeps at most its concurrency of calls in flight', async () => {
    const release: Array<() => void> = [];
    let mostWaiting = 0;
    reply = ({ body }, response) =>
      new Promise<void>((resolve) => {
        release.push(() => { ok({ body, key: undefined }, response); resolve(); });
        mostWaiting = Math.max(mostWaiting, release.length);
      });
    const { client, close } = clientFor({ settings: { ...settings, timeoutMs: 5_000, concurrency: 3 } });
    const orders: TaxOrder[] = Array.from({ length: 10 }, (_, i) => taxOrderFixture({ orderId: `SO-${i}` }));
    const results = Promise.all(orders.map((order) => client.calculate(order, 1)));
    let answered = 0;
    while (answered < orders.length) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const next = release.shift();
      if (next) { next(); answered += 1; }
    }
    assert.equal((await results).length, 10);
    await close();
    assert.equal(mostWaiting, 3);
  });
});
