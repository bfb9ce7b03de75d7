import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyEntity, UserEntity } from '@tributary/persistence';
import { ResultsPlatform, taxResult } from '@tributary/result-writer';
import { generateApiKey, issueAccessToken } from '@tributary/security';
import { startService, type RunningService } from '@tributary/service-runtime';
import { WsTestClient, type Frame } from './testing/ws-test-client';
import { startWsGateway, type RunningWsGateway } from './ws-gateway';
import { WS_GATEWAY_ENV } from './ws-gateway-env';

const JWT_SECRET = 'a-test-secret-of-at-least-thirty-two-bytes!';
const MAX_QUEUED_BYTES = 64 * 1024;

describe('the websocket gateway: live results per tenant, resumable, bounded', () => {
  let platform: ResultsPlatform;
  let service: RunningService;
  let gateway: RunningWsGateway;
  let acmeKey: string;
  let globexToken: string;
  const clients: WsTestClient[] = [];
  let counter = 0;
  const orders = (tenant: string, count: number) => Array.from({ length: count }, () => taxResult(tenant, 'orders', `${tenant}-${String(++counter).padStart(5, '0')}`));
  const connect = async (headers: Record<string, string> = {}) => {
    const client = await WsTestClient.connect(gateway.url, headers);
    clients.push(client);
    return client;
  };
  const asAcme = () => connect({ 'x-api-key': acmeKey });
  const subscribed = async (client: WsTestClient, frame: object = {}) => {
    const from = client.frames.length;
    client.send({ type: 'subscribe', pipeline: 'orders', ...frame });
    return client.next((f) => f.type === 'subscribed' || f.type === 'error', from);
  };

  before(async () => {
    platform = await ResultsPlatform.start();
    await platform.announce('acme', 'orders');
    await platform.announce('globex', 'orders');
    const key = generateApiKey();
    acmeKey = key.token;
    await platform.database.dataSource.getRepository(ApiKeyEntity).insert({ keyId: key.keyId, tenantId: 'acme', name: 'dashboard', hash: key.hash, role: 'customer', createdBy: 'spec' });
    const user = await platform.database.dataSource.getRepository(UserEntity).save({ tenantId: 'globex', email: 'viewer@globex.example', passwordHash: 'unused', role: 'customer', platformAdmin: false });
    globexToken = await issueAccessToken({ userId: user.id, tenantId: 'globex', role: 'customer', platformAdmin: false }, { secret: JWT_SECRET });
    service = await startService(
      {
        name: 'ws-gateway',
        env: WS_GATEWAY_ENV,
        start: async (ctx, config) => (gateway = await startWsGateway(ctx, config)),
      },
      platform.env({ TRIBUTARY_JWT_SECRET: JWT_SECRET, WS_PORT: '0', WS_AUTH_TIMEOUT_MS: '1000', WS_FEED_IDLE_MS: '500', WS_MAX_QUEUED_BYTES: String(MAX_QUEUED_BYTES), WS_SOCKET_HIGH_WATER_BYTES: '16384', LOG_LEVEL: process.env.SPEC_LOG_LEVEL ?? 'fatal' }),
    );
  });
  after(async () => {
    for (const client of clients) client.socket.terminate();
    await service?.close();
    await platform?.stop();
  });

  test("a client of tenant A receives A's results live, with partition and offset, and none of tenant B's", async () => {
    const acme = await asAcme();
    const globex = await connect();
    globex.send({ type: 'auth', token: globexToken });
    await globex.next((f) => f.type === 'ready');
    assert.equal((await subscribed(acme)).type, 'subscribed');
    assert.equal((await subscribed(globex)).type, 'subscribed');
    await platform.publishResults('acme', 'orders', orders('acme', 5));
    await platform.publishResults('globex', 'orders', orders('globex', 4));
    const acmeResults = await acme.results(5);
    const globexResults = await globex.results(4);
    assert.ok(acmeResults.every((f) => f.tenant === 'acme' && (f.result as { tenant: string }).tenant === 'acme'));
    assert.ok(globexResults.every((f) => f.tenant === 'globex'));
    assert.ok(acmeResults.every((f) => typeof f.partition === 'number' && /^\d+$/.test(f.offset as string)));
    assert.equal((acmeResults[0].result as { totalTax: string }).totalTax, '24.7500');
    await platform.publishResults('acme', 'orders', orders('acme', 1));
    await acme.results(6);
    assert.equal(acme.resultFrames().length, 6);
    assert.equal(globex.resultFrames().length, 4);
    await Promise.all([acme.close(), globex.close()]);
  });

  test("a subscription to another tenant's pipeline is refused with an error frame, and the connection lives on", async () => {
    const acme = await asAcme();
    const refused = await subscribed(acme, { tenant: 'globex' });
    assert.deepEqual([refused.type, refused.code], ['error', 'forbidden']);
    assert.match(refused.message as string, /tenant 'acme' only, not 'globex'/);
    acme.send({ type: 'ping', id: 7 });
    assert.deepEqual(await acme.next((f) => f.type === 'pong'), { type: 'pong', id: 7 });
    await platform.publishResults('globex', 'orders', orders('globex', 2));
    await platform.publishResults('acme', 'orders', orders('acme', 1));
    assert.equal(acme.resultFrames().length, 0, 'nothing arrives without a subscription');
    await acme.close();
  });

  test('bad frames are answered with an error frame naming the fault, and the connection lives on', async () => {
    const acme = await asAcme();
    await acme.next((f) => f.type === 'ready');
    const errorAfter = async (frame: object | string | Buffer) => {
      const from = acme.frames.length;
      if (Buffer.isBuffer(frame)) acme.socket.send(frame);
      else acme.send(frame);
      return acme.next((f) => f.type === 'error', from);
    };
    assert.match((await errorAfter('{not json')).message as string, /one JSON object/);
    assert.match((await errorAfter({ type: 'subscribe' })).message as string, /pipeline/);
    assert.match((await errorAfter({ type: 'teleport' })).message as string, /type/);
    assert.match((await errorAfter({ type: 'subscribe', pipeline: 'orders', after: { '0': 'ten' } })).message as string, /after/);
    assert.match((await errorAfter(Buffer.from([1, 2, 3]))).message as string, /not binary/);
    const missing = await errorAfter({ type: 'subscribe', pipeline: 'no-such-pipeline' });
    assert.deepEqual([missing.code, missing.message], ['not-found', "tenant 'acme' has no active pipeline 'no-such-pipeline' with results"]);
    acme.send({ type: 'ping' });
    await acme.next((f) => f.type === 'pong');
    assert.equal(acme.socket.readyState, acme.socket.OPEN);
    await acme.close();
  });

  test('a bad credential, or none in time, closes the connection with 4401 and the reason', async () => {
    const bad = await connect({ 'x-api-key': `${acmeKey.slice(0, -4)}AAAA` });
    assert.deepEqual(await bad.closed, { code: 4401, reason: 'unauthenticated: the API key is not valid' });
    const silent = await connect();
    silent.send({ type: 'subscribe', pipeline: 'orders' });
    assert.equal((await silent.next((f) => f.type === 'error')).code, 'unauthenticated');
    assert.deepEqual(await silent.closed, { code: 4401, reason: 'unauthenticated: no credential sent in time' });
  });

  test('reconnecting with the last offsets seen replays only what was missed, then continues live', async () => {
    const first = await asAcme();
    const lastSeen = { ...((await subscribed(first)).lastSeen as Record<string, string>) };
    const before = orders('acme', 6);
    await platform.publishResults('acme', 'orders', before);
    for (const frame of await first.results(6)) lastSeen[String(frame.partition)] = frame.offset as string;
    await first.close();

    const missed = orders('acme', 5);
    await platform.publishResults('acme', 'orders', missed);
    const second = await asAcme();
    const resumed = await subscribed(second, { after: lastSeen });
    assert.deepEqual(resumed.lastSeen, lastSeen);
    const replayed = await second.results(5);
    assert.deepEqual(replayed.map((f) => f.key).sort(), missed.map((r) => r.orderId).sort());
    const live = orders('acme', 2);
    await platform.publishResults('acme', 'orders', live);
    const all = await second.results(7);
    assert.deepEqual(all.slice(5).map((f) => f.key).sort(), live.map((r) => r.orderId).sort());
    const seen = all.map((f: Frame) => `${f.partition}/${f.offset}`);
    assert.equal(new Set(seen).size, seen.length, 'no record twice');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(second.resultFrames().length, 7);
    await second.close();
  });

  test("a client that stops reading is closed with 4008 and the reason, and the gateway's queue for it never passes its limit", async () => {
    const slow = await asAcme();
    await subscribed(slow);
    slow.stopReading();
    // Results are published until the gateway gives up on the client: the kernel's socket
    // buffers take a few MB first, then the socket's high water, then the queue's limit.
    for (let batch = 0; batch < 60 && gateway.gateway.stats().connections > 0; batch++) {
      await platform.publishResults('acme', 'orders', orders('acme', 250));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stats = gateway.gateway.stats();
    assert.equal(stats.connections, 0, 'the slow client was dropped');
    assert.equal(stats.queuedBytes, 0);
    assert.ok(stats.peakQueuedBytes <= MAX_QUEUED_BYTES, `peak queue ${stats.peakQueuedBytes} bytes`);
    slow.resumeReading();
    assert.deepEqual(await slow.closed, { code: 4008, reason: `slow consumer: over ${MAX_QUEUED_BYTES} bytes of results waiting; reconnect with your last offsets` });
  });

  test('a pipeline nobody watches any more has its live reader stopped', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual({ ...gateway.gateway.stats(), peakQueuedBytes: 0 }, { connections: 0, feeds: 0, subscriptions: 0, queuedBytes: 0, peakQueuedBytes: 0 });
  });
});
