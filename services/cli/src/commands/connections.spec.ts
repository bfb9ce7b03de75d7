import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCli } from '../testing/captured-terminal';

// A stand-in with the route shape the command is written against (POST
// /tenants/{tenant}/connections/{name}/check -> {ok, message}), to reach answers the real one
// gives rarely; the walkthrough spec runs the command against the real control plane.
describe('tributary connections check', () => {
  let server: Server;
  let url: string;
  const requests: { method?: string; url?: string; auth?: string }[] = [];

  before(async () => {
    server = createServer((request, response) => {
      requests.push({ method: request.method, url: request.url, auth: request.headers.authorization });
      const name = /^\/tenants\/acme\/connections\/([^/]+)\/check$/.exec(request.url ?? '')?.[1];
      const answer = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method !== 'POST' || !name) return answer(404, { statusCode: 404, error: 'not-found', message: 'no such route' });
      if (name === 'erp') return answer(200, { ok: true, latencyMs: 12, message: 'orders: 1,204 rows' });
      if (name === 'down') return answer(200, { ok: false, message: 'ECONNREFUSED 10.0.0.5:5432' });
      return answer(404, { statusCode: 404, error: 'not-found', message: `no connection '${name}' in tenant 'acme'` });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const check = (name: string, extra: string[] = []) => runCli(['connections', 'check', name, ...extra], { env: { HOME: '/nonexistent', TRIBUTARY_URL: url, TRIBUTARY_TOKEN: 'tok', TRIBUTARY_TENANT: 'acme' } });

  test('a reachable connection: exit 0 with the connector\'s words', async () => {
    const outcome = await check('erp');
    assert.deepEqual([outcome.code, outcome.stdout], [0, 'Connection erp: reachable in 12 ms.\norders: 1,204 rows\n']);
    assert.deepEqual(requests.at(-1), { method: 'POST', url: '/tenants/acme/connections/erp/check', auth: 'Bearer tok' });
  });

  test('an unreachable one: exit 1 with the reason; --json for scripts', async () => {
    const outcome = await check('down');
    assert.deepEqual([outcome.code, outcome.stdout.trim()], [1, 'Connection down: NOT reachable: ECONNREFUSED 10.0.0.5:5432']);
    const json = await check('down', ['--json']);
    assert.deepEqual([json.code, JSON.parse(json.stdout)], [1, { ok: false, message: 'ECONNREFUSED 10.0.0.5:5432' }]);
  });

  test('an unknown connection, and a control plane without the route, are told apart', async () => {
    assert.match((await check('nope')).stderr, /no connection 'nope' in tenant 'acme'/);
    const old = await runCli(['connections', 'check', 'erp'], { env: { TRIBUTARY_URL: `${url}/old`, TRIBUTARY_TOKEN: 'tok', TRIBUTARY_TENANT: 'acme', HOME: '/nonexistent' } });
    assert.equal(old.code, 1);
    assert.match(old.stderr, /has no connections API/);
  });

  test('anything but "check NAME" is a usage error', async () => {
    assert.equal((await runCli(['connections', 'test', 'erp'])).code, 2);
    assert.equal((await runCli(['connections', 'check'])).code, 2);
  });
});
