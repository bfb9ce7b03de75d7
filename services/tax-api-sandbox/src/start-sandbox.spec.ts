import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TaxApiFailure, TaxmanClient, TaxmanEndpoint, taxOrderFixture, taxRequestOf } from '@tributary/tax-api';
import pino from 'pino';
import { parseSandboxConfig } from './sandbox-config';
import { startSandbox, type RunningSandbox } from './start-sandbox';

let running: RunningSandbox;
const quiet = pino.destination({ dest: '/dev/null', sync: true });

before(async () => {
  running = await startSandbox(parseSandboxConfig({ PORT: '0', LOG_LEVEL: 'warn' }), quiet);
});
after(() => running.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(running.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const json = async (response: Response) => (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function clientOf(url: string) {
  const endpoint = new TaxmanEndpoint({ url });
  const client = new TaxmanClient({ endpoint, scope: { tenant: 'acme', pipeline: 'erp-orders' }, settings: { timeoutMs: 2_000, concurrency: 4, circuit: { errorPercent: 50, resetMs: 1_000 } } });
  return { client, close: async () => { client.shutdown(); await endpoint.close(); } };
}

describe('the sandbox over HTTP', () => {
  it('calculates an order the TAXMAN client sends, and replays it for the same key', async () => {
    const { client, close } = clientOf(running.url);
    const first = await client.calculate(taxOrderFixture({ orderId: 'HTTP-1' }), 1);
    const second = await client.calculate(taxOrderFixture({ orderId: 'HTTP-1' }), 2);
    await close();
    assert.equal(first.totalTax, '3.3234');
    assert.equal(second.calculationId, first.calculationId);
    const stats = await json(await fetch(`${running.url}/v1/stats`));
    assert.deepEqual([stats.calculations, stats.replays, stats.taxedTwice], [1, 1, 0]);
  });

  it('answers an invalid order 422 with its problems, which the client keeps as permanent', async () => {
    const { client, close } = clientOf(running.url);
    const failure = await client.calculate(taxOrderFixture({ currency: 'XYZ' }), 1).catch((e: unknown) => e);
    await close();
    assert.ok(failure instanceof TaxApiFailure);
    assert.deepEqual([failure.code, failure.details.status, failure.reasons()[1].field], ['REJECTED', 422, 'currency']);
  });

  it('answers a body that is not JSON, and an unknown route, in the contract error shape', async () => {
    const broken = await post('/v1/tax/calculate', '{"orderId":', { 'idempotency-key': 'k' });
    assert.equal(broken.status, 400);
    assert.equal((await json(broken)).error.code, 'INVALID_REQUEST');
    const missing = await fetch(`${running.url}/v2/nothing`);
    assert.deepEqual([missing.status, (await json(missing)).error.code], [404, 'NOT_FOUND']);
  });

  it('answers the same through its direct route and through Nest, and refuses a body that is not JSON by its media type', async () => {
    const body = JSON.stringify(taxRequestOf(taxOrderFixture({ orderId: 'BOTH-1' }), 'acme'));
    const direct = await post('/v1/tax/calculate', body, { 'idempotency-key': 'both-1' });
    const viaNest = await post('/v1/tax/calculate?via=nest', body, { 'idempotency-key': 'both-1' });
    assert.deepEqual([direct.status, viaNest.status, viaNest.headers.get('idempotent-replayed')], [200, 200, 'true']);
    assert.deepEqual(await json(viaNest), await json(direct));
    const text = await fetch(running.url + '/v1/tax/calculate', { method: 'POST', headers: { 'content-type': 'text/plain', 'idempotency-key': 'k' }, body });
    assert.deepEqual([text.status, (await json(text)).error.code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('changes its knobs at run time and refuses knobs that do not exist', async () => {
    const put = (body: unknown) => fetch(`${running.url}/v1/knobs`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const changed = await put({ throttleRate: 1, retryAfterSeconds: 3 });
    assert.equal((await json(changed)).throttleRate, 1);
    const throttled = await post('/v1/tax/calculate', '{}', { 'idempotency-key': 'k' });
    assert.deepEqual([throttled.status, throttled.headers.get('retry-after')], [429, '3']);
    const wrong = await put({ errorRate: 2, speed: 'fast' });
    assert.equal(wrong.status, 400);
    const problems = (await json(wrong)).error.problems as Array<{ field: string | null; message: string }>;
    assert.ok(problems.some((p) => p.field === 'errorRate'));
    assert.ok(problems.some((p) => /speed/.test(p.message)));
    await put({ throttleRate: 0 });
  });

  it('serves its OpenAPI document generated from the contract', async () => {
    const document = await json(await fetch(`${running.url}/v1/openapi.json`));
    const operation = document.paths['/v1/tax/calculate'].post;
    assert.ok(operation.requestBody.content['application/json'].schema.properties.lines);
    assert.ok(operation.responses['422']);
  });

  it('closes its port for a refuse outage and opens it again when the outage ends', async () => {
    const down = await fetch(`${running.url}/v1/knobs`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outage: { seconds: 0.5, mode: 'refuse' } }) });
    assert.equal(down.status, 200);
    const { client, close } = clientOf(running.url);
    const refused = await client.calculate(taxOrderFixture({ orderId: 'DOWN-1' }), 1).catch((e: unknown) => e);
    assert.ok(refused instanceof TaxApiFailure);
    assert.equal(refused.code, 'CONNECTION');
    let back = false;
    for (let i = 0; i < 100 && !back; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      back = await client.calculate(taxOrderFixture({ orderId: 'DOWN-1' }), 2).then(() => true, () => false);
    }
    await close();
    assert.ok(back, 'the sandbox answers again after the outage');
  });
});

describe('the sandbox process', () => {
  it('exits 1 naming the variable on bad configuration', () => {
    const root = join(__dirname, '..', '..', '..');
    const result = spawnSync(process.execPath, ['--require', '@swc-node/register', join(__dirname, 'main.ts')], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.json'), SANDBOX_ERROR_RATE: 'lots' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /bad configuration\nSANDBOX_ERROR_RATE: must be a number/);
  });
});
