/**
 * The TAXMAN path end to end on the embedded stack (issue 6, "Done when"): every program a real
 * process, orders in from a PostgreSQL table and from CSV files, tax results out, and the
 * failures the product must survive: a flaky and then absent tax API, SIGKILLed services and
 * broker, a second tax-sink instance. One stack for the file, as CI's time is bounded.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badFieldOf, ordersAsCsv, sampleOrder } from '../demo/sample-orders';
import { postgresSecretOf, seedErpTable } from '../demo/demo-seed';
import { E2EPlatform, eventually, repoRoot } from './e2e-platform';
import { OtlpCollector } from './otlp-collector';
import { WsClient } from './ws-client';

const ORDERS = 10_000;
const BAD = ORDERS / 50;

/** The demo pipeline for another tenant and name. */
function pipelineDocument(file: 'erp-orders' | 'csv-orders', tenant: string, name: string, extra = ''): string {
  return (
    readFileSync(join(repoRoot, 'examples', 'demo', `${file}.yaml`), 'utf8')
      .replace('tenant: demo', `tenant: ${tenant}`)
      .replace(`name: ${file}`, `name: ${name}`)
      .replace(`tenant: "'demo'"`, `tenant: "'${tenant}'"`)
      .replace(`pipeline: "'${file}'"`, `pipeline: "'${name}'"`)
      .replace('table: erp.orders', `table: ${tenant}_erp.orders`)
      .replace('schemas: [erp]', `schemas: [${tenant}_erp]`)
      .replace('secret: demo-erp', `secret: ${tenant}-erp`) + extra
  );
}

describe('the TAXMAN path on the embedded stack', { timeout: 600_000 }, () => {
  let platform: E2EPlatform;
  let collector: OtlpCollector;

  before(async () => {
    collector = await OtlpCollector.start();
    platform = await E2EPlatform.start({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint } });
    await platform.createTenant('acme');
    await platform.call('PUT', '/tenants/acme/secrets/acme-erp', { value: postgresSecretOf(platform.stack.urls.database) });
  });

  after(async () => {
    await platform?.stop();
    await collector?.stop();
  });

  async function finished(tenant: string, runId: string): Promise<void> {
    await eventually(async () => ['succeeded', 'failed', 'cancelled'].includes((await platform.run(tenant, runId)).status), `run ${runId} to end`, 300_000, 500);
    const run = await platform.run(tenant, runId);
    assert.equal(run.status, 'succeeded', `run ${runId}: ${JSON.stringify(run)}\n${platform.output.slice(-40).join('\n')}`);
  }

  async function expectOutcome(tenant: string, pipeline: string, goodOrders: number, badOrders: number[]): Promise<void> {
    await eventually(async () => (await platform.results(tenant, pipeline)).length >= goodOrders, `${goodOrders} results of ${pipeline}`, 300_000, 1000);
    const results = await platform.results(tenant, pipeline);
    assert.equal(results.length, goodOrders, 'one result per good order, no more');
    const errors = await platform.errorRecords(tenant, pipeline);
    const byOrder = new Map(errors.map((e) => [e.recordKey ? Buffer.from(e.recordKey).toString('utf8') : '', e]));
    assert.equal(errors.length, badOrders.length, 'one ErrorRecord per bad order');
    for (const n of badOrders) {
      const orderId = sampleOrder(n).order_id;
      const error = byOrder.get(orderId);
      assert.ok(error, `an ErrorRecord for ${orderId}`);
      assert.ok(
        error.reasons.some((r) => r.field === badFieldOf(n)),
        `${orderId}'s reason names ${badFieldOf(n)}: ${JSON.stringify(error.reasons)}`,
      );
      assert.ok(!results.some((r) => r.order_key === orderId), `${orderId} has no result`);
    }
  }

  const badNumbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((n) => badFieldOf(n) !== undefined);

  test('10,000 orders from a PostgreSQL table: exactly the good ones become results, each bad one an ErrorRecord naming its field; the run counts every stage', async () => {
    const orders = Array.from({ length: ORDERS }, (_, i) => sampleOrder(i + 1));
    await platform.sql('CREATE SCHEMA IF NOT EXISTS acme_erp');
    await seedErpTable(platform.stack.urls.database, orders, 'acme_erp');
    await platform.apply('acme', pipelineDocument('erp-orders', 'acme', 'erp-orders'));
    const runId = await platform.runNow('acme', 'erp-orders');
    await finished('acme', runId);
    await expectOutcome('acme', 'erp-orders', ORDERS - BAD, badNumbers(1, ORDERS));
    const runsOfResults = await platform.sql<{ run_id: string }>(`SELECT DISTINCT run_id FROM results WHERE tenant_id = 'acme' AND pipeline = 'erp-orders'`);
    assert.deepEqual(runsOfResults.map((r) => r.run_id), [runId], 'every result is filed under the run that read its order');
    // Each stage reported what it did for the run; the run waits for those counts, at most 4 s, so under load the last may trail its end.
    type Count = { stage: string; recordsIn: number; recordsOut: number; errors: number };
    const countsOf = async () => Object.fromEntries((await platform.call<{ counts: Count[] }>('GET', `/tenants/acme/runs/${runId}`)).counts.map((c) => [c.stage, c]));
    await eventually(async () => (await countsOf()).RESULT_WRITER?.recordsOut === ORDERS - BAD, 'the result writer counted every result of the run', 30_000);
    const counts = await countsOf();
    assert.equal(counts.SOURCE.recordsOut, ORDERS);
    assert.equal(counts.TRANSFORM.recordsIn, ORDERS);
    assert.equal(counts.TRANSFORM.errors + counts.VALIDATE.errors, BAD, JSON.stringify(counts));
    assert.deepEqual([counts.TAX_SINK.recordsIn, counts.TAX_SINK.recordsOut, counts.RESULT_WRITER.recordsIn], [ORDERS - BAD, ORDERS - BAD, ORDERS - BAD]);
    // The validator's figures of the run, sent with its counts, are the run's quality report.
    type Quality = { records: number; failed: number; score: number; rules: { failures: number }[] };
    const quality = () => platform.call<Quality>('GET', `/tenants/acme/runs/${runId}/quality`).catch(() => undefined);
    await eventually(async () => (await quality())?.records === counts.VALIDATE.recordsIn, 'the quality report of every record validated', 30_000);
    const report = (await quality())!;
    assert.equal(report.failed, counts.VALIDATE.errors);
    assert.equal(report.rules.reduce((n, r) => n + r.failures, 0) >= report.failed, true, JSON.stringify(report.rules));
    assert.ok(report.score > 90 && report.score < 100, `a few bad orders cost a few points: ${report.score}`);
  });

  test('an incremental run after 100 rows are inserted or updated publishes just those 100', async () => {
    const raw = 'tributary.acme.erp-orders.raw';
    const before = await platform.topicEnd(raw);
    const updated = Array.from({ length: 60 }, (_, i) => 1 + i * 7).filter((n) => badFieldOf(n) === undefined).slice(0, 50).map((n) => sampleOrder(n, { revision: 1 }));
    const inserted = Array.from({ length: 50 }, (_, i) => sampleOrder(ORDERS + 1 + i, { badEvery: 0, revision: 1 }));
    await seedErpTable(platform.stack.urls.database, [...updated, ...inserted], 'acme_erp');
    await finished('acme', await platform.runNow('acme', 'erp-orders'));
    assert.equal((await platform.topicEnd(raw)) - before, 100);
    await expectOutcome('acme', 'erp-orders', ORDERS - BAD + 50, badNumbers(1, ORDERS));
    const ids = updated.map((o) => o.order_id);
    await eventually(
      async () => (await platform.sql(`SELECT 1 FROM results WHERE order_key = ANY($1) AND order_updated_at >= '2026-11-01'`, [ids])).length === 50,
      'the 50 updated orders taxed again at their new version',
    );
  });

  test('10,000 orders from CSV files: the same outcome', async () => {
    const drop = join(platform.dataDir, 'files', 'acme', 'drop');
    mkdirSync(drop, { recursive: true });
    const orders = Array.from({ length: ORDERS }, (_, i) => sampleOrder(i + 1));
    for (let part = 0; part < 4; part++) writeFileSync(join(drop, `orders-${part}.csv`), ordersAsCsv(orders.slice(part * 2500, (part + 1) * 2500)));
    await platform.apply('acme', pipelineDocument('csv-orders', 'acme', 'csv-orders'));
    await finished('acme', await platform.runNow('acme', 'csv-orders'));
    await expectOutcome('acme', 'csv-orders', ORDERS - BAD, badNumbers(1, ORDERS));
  });

  test("one order's spans form one trace from the source to the result", async () => {
    const orderId = sampleOrder(7).order_id;
    const services = ['connector-runner', 'transformer', 'validator', 'tax-sink', 'result-writer'];
    let trace: string[] = [];
    await eventually(
      () => {
        const mine = collector.spans.filter((s) => s.attributes['messaging.kafka.message.key'] === orderId && s.attributes['tributary.pipeline'] === 'erp-orders');
        const traceIds = new Set(mine.map((s) => s.traceId));
        trace = collector.spans.filter((s) => traceIds.has(s.traceId)).map((s) => s.service);
        return services.every((service) => trace.includes(service));
      },
      `spans of ${orderId} from ${services.join(', ')}`,
      60_000,
    );
    const keyed = collector.spans.filter((s) => s.attributes['messaging.kafka.message.key'] === orderId && s.attributes['tributary.pipeline'] === 'erp-orders');
    // The first run's spans: the order was read once more by the incremental run only if it changed (7 did not).
    assert.equal(new Set(keyed.map((s) => s.traceId)).size, 1, 'one trace');
    const root = collector.spans.find((s) => s.traceId === keyed[0].traceId && s.service === 'connector-runner');
    assert.ok(root, 'the trace starts at the source');
    assert.ok(keyed.every((s) => s.parentSpanId !== ''), 'every hop continues the trace');
  });

  test("a websocket client of tenant A gets A's results live and none of B's, and after reconnecting only what it missed", async () => {
    const tenants = { a: 'wsa', b: 'wsb' };
    const admins = { a: await platform.createTenant(tenants.a), b: await platform.createTenant(tenants.b) };
    const orders = Array.from({ length: 30 }, (_, i) => sampleOrder(i + 1, { badEvery: 0 }));
    for (const tenant of Object.values(tenants)) {
      const drop = join(platform.dataDir, 'files', tenant, 'drop');
      mkdirSync(drop, { recursive: true });
      writeFileSync(join(drop, 'orders-1.csv'), ordersAsCsv(orders));
      await platform.apply(tenant, pipelineDocument('csv-orders', tenant, 'live'));
    }
    const client = await WsClient.open(platform.stack.urls.wsGateway, await platform.login(admins.a.email, admins.a.password));
    client.send({ type: 'subscribe', pipeline: 'live' });
    const subscribed = await client.next((f) => f.type === 'subscribed');
    client.send({ type: 'subscribe', pipeline: 'live', tenant: tenants.b });
    assert.equal((await client.next((f) => f.type === 'error')).code, 'forbidden');

    await platform.runNow(tenants.b, 'live');
    await platform.runNow(tenants.a, 'live');
    await eventually(() => client.results('live').length >= 30, "A's 30 results live", 120_000);
    await eventually(async () => (await platform.results(tenants.b, 'live')).length === 30, "B's results written");
    assert.ok(client.results('live').every((f) => f.tenant === tenants.a), "none of B's results");
    const lastSeen: Record<string, string> = { ...(subscribed.lastSeen as Record<string, string>) };
    for (const f of client.frames) if (f.type === 'result') lastSeen[String(f.partition)] = String(f.offset);
    await client.close();

    const resultsTopic = `tributary.${tenants.a}.live.results`;
    const before = await platform.topicEnd(resultsTopic);
    writeFileSync(join(platform.dataDir, 'files', tenants.a, 'drop', 'orders-2.csv'), ordersAsCsv(Array.from({ length: 10 }, (_, i) => sampleOrder(100 + i, { badEvery: 0 }))));
    // The demo pipeline is incremental: this run reads the new file only.
    await platform.runNow(tenants.a, 'live');
    await eventually(async () => (await platform.topicEnd(resultsTopic)) >= before + 10, 'the missed results on the topic');
    const missed = (await platform.topicEnd(resultsTopic)) - before;

    const again = await WsClient.open(platform.stack.urls.wsGateway, await platform.login(admins.a.email, admins.a.password));
    again.send({ type: 'subscribe', pipeline: 'live', after: lastSeen });
    await eventually(() => again.results('live').length >= missed, `the ${missed} missed results`, 60_000);
    const replayed = again.results('live');
    assert.equal(replayed.length, missed, 'exactly what was missed');
    for (const f of replayed) assert.ok(BigInt(String(f.offset)) > BigInt(lastSeen[String(f.partition)] ?? '-1'), 'nothing already seen');
    await again.close();
  });
});
