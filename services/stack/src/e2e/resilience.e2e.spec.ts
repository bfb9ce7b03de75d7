/**
 * The failures the TAXMAN path must survive, on the embedded stack with every program a real
 * process (issue 6, "Done when"): a flaky and then absent tax API, SIGKILLed services and
 * broker, a second tax-sink instance. One stack for the file and one tenant per test; the
 * sandbox's knobs are shared, so each test sets its own and puts them back.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { freePort } from '@tributary/testing';
import { badFieldOf, sampleOrder } from '../demo/sample-orders';
import { SupervisedProcess } from '../supervised-process';
import { E2EPlatform, eventually } from './e2e-platform';
import { erpPipeline, erpTenant, sandbox, type SandboxStats } from './erp-tenant';
import { sampleSum } from './prometheus-samples';

const ORDERS = 4_000;
const BAD = Array.from({ length: ORDERS }, (_, i) => i + 1).filter((n) => badFieldOf(n) !== undefined);
const GOOD = ORDERS - BAD.length;
/**
 * The demo's sink, with a shorter backoff so that a 30% error rate leaves no long tail of retries,
 * and 20 attempts: at 10, one of 4,000 orders failing every attempt (0.3^10 each) flaked ~2% of runs.
 */
const TAX_API = '{ timeoutMs: 2000, concurrency: 32, retry: { max: 20, backoffMs: 200, maxBackoffMs: 4000 }, circuit: { errorPercent: 50, resetMs: 5000 } }';
const CALM = { errorRate: 0, latencyMs: 0, outageMode: 'refuse' };

describe('the TAXMAN path under failure', { timeout: 600_000 }, () => {
  let platform: E2EPlatform;

  before(async () => {
    // A SIGKILLed stage keeps its partitions until its session times out: 10 s instead of 30 s
    // (the operator's KAFKA_SESSION_TIMEOUT_MS) keeps the crash test from waiting out the default.
    platform = await E2EPlatform.start({ env: { KAFKA_SESSION_TIMEOUT_MS: '10000' } });
  });

  after(async () => {
    await platform?.stop();
  });

  const tail = () => platform.output.slice(-40).join('\n');
  const stats = () => sandbox<SandboxStats>(platform, 'GET', '/v1/stats');
  const taxSinkMetric = async (name: string, labels: Record<string, string>, port = platform.stack.ports.taxSink) => sampleSum(await platform.metrics(port), name, labels);

  /** Resolves once the sandbox calculated `count` more orders than in `since`. */
  async function taxed(since: SandboxStats, count: number, everyMs = 100): Promise<void> {
    await eventually(async () => (await stats()).calculations - since.calculations >= count, `${count} orders taxed`, 120_000, everyMs);
  }

  async function finished(tenant: string, runId: string): Promise<void> {
    await eventually(async () => ['succeeded', 'failed', 'cancelled'].includes((await platform.run(tenant, runId)).status), `run ${runId} to end`, 300_000, 500);
    const run = await platform.run(tenant, runId);
    assert.equal(run.status, 'succeeded', `run ${runId}: ${JSON.stringify(run)}\n${tail()}`);
  }

  /**
   * Every good order is one result and was calculated by TAXMAN exactly once (a retried or
   * redelivered call replays its idempotency key); every bad order is an ErrorRecord naming
   * its field, and no good order has one. `exactlyOneError`: no crash happened, so nothing was
   * redelivered; after a crash an ErrorRecord may repeat (at-least-once delivery: a stage killed
   * before committing a record's offset handles it again, and publishes its ErrorRecord again).
   */
  async function expectOutcome(tenant: string, since: SandboxStats, exactlyOneError: boolean): Promise<void> {
    await eventually(async () => (await platform.results(tenant, 'erp-orders')).length >= GOOD, `${GOOD} results of ${tenant}`, 180_000, 1000).catch((err: Error) => {
      throw new Error(`${err.message}\n${tail()}`);
    });
    const results = new Set((await platform.results(tenant, 'erp-orders')).map((r) => r.order_key));
    assert.equal(results.size, GOOD, 'one result per good order, no more');
    const errors = await platform.errorRecords(tenant, 'erp-orders');
    const errorKeys = errors.map((e) => (e.recordKey ? Buffer.from(e.recordKey).toString('utf8') : ''));
    if (exactlyOneError) assert.equal(errors.length, BAD.length, 'one ErrorRecord per bad order');
    const badIds = new Set(BAD.map((n) => sampleOrder(n).order_id));
    for (const n of BAD) {
      const id = sampleOrder(n).order_id;
      const own = errors.filter((_, i) => errorKeys[i] === id);
      assert.ok(own.length > 0, `an ErrorRecord for ${id}`);
      assert.ok(own.every((e) => e.reasons.some((r) => r.field === badFieldOf(n))), `${id}'s reasons name ${badFieldOf(n)}`);
      assert.ok(!results.has(id), `${id} has no result`);
    }
    const strays = errors.filter((_, i) => !badIds.has(errorKeys[i]));
    assert.deepEqual(strays.map((e) => `${e.stage} ${JSON.stringify(e.reasons).slice(0, 300)}`), [], 'no good order is an ErrorRecord');
    for (let n = 1; n <= ORDERS; n++) if (!badIds.has(sampleOrder(n).order_id)) assert.ok(results.has(sampleOrder(n).order_id), `a result for order ${n}`);
    const now = await stats();
    assert.equal(now.taxedTwice, 0, 'no order taxed twice');
    assert.equal(now.calculations - since.calculations, GOOD, 'TAXMAN calculated each good order once');
  }

  /** Committed offsets of the tenant's tax-sink group against the ends of what it reads: 0 once the backlog drained. */
  async function taxSinkLag(tenant: string): Promise<number> {
    const admin = platform.kafka.admin();
    await admin.connect();
    try {
      const topics = ['valid', 'retry'].map((stage) => `tributary.${tenant}.erp-orders.${stage}`);
      const committed = await admin.fetchOffsets({ groupId: `tributary.${tenant}.erp-orders.tax-sink`, topics });
      let lag = 0;
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const own = committed.find((c) => c.topic === topic)?.partitions ?? [];
        for (const end of ends) lag += Number(end.high) - Math.max(0, Number(own.find((p) => p.partition === end.partition)?.offset ?? 0));
      }
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  /** How many members a consumer group has once it is stable (0 while it rebalances). */
  async function groupMembers(groupId: string): Promise<number> {
    const admin = platform.kafka.admin();
    await admin.connect();
    try {
      const [group] = (await admin.describeGroups([groupId])).groups;
      return group?.state === 'Stable' ? group.members.length : 0;
    } finally {
      await admin.disconnect();
    }
  }

  /** The sandbox back to calm; retried while an outage in refuse mode keeps its port closed. */
  async function calmSandbox(): Promise<void> {
    await eventually(() => sandbox(platform, 'PUT', '/v1/knobs', CALM).then(() => true, () => false), 'the sandbox to take its knobs back', 60_000, 500);
  }

  test('the sandbox failing 30% of calls and down for 20 s mid-run: no order lost or taxed twice, the circuit opened and closed, the backlog drained', async () => {
    await erpTenant(platform, 'flaky', ORDERS);
    await platform.apply('flaky', erpPipeline('flaky', 'erp-orders', TAX_API));
    const since = await stats();
    // A few ms per call keeps the run long enough for the outage to land in its middle.
    await sandbox(platform, 'PUT', '/v1/knobs', { errorRate: 0.3, latencyMs: 5 });
    const circuit = { tenant: 'flaky', pipeline: 'erp-orders' };
    try {
      const run = await platform.runNow('flaky', 'erp-orders');
      await taxed(since, GOOD / 4);
      // refuse: the port closes (connections cut, then refused), the knobs route with it; it ends by itself.
      await sandbox(platform, 'PUT', '/v1/knobs', { outage: { seconds: 20, mode: 'refuse' } });
      await eventually(async () => (await taxSinkMetric('tributary_tax_api_circuit_state', circuit)) === 2, 'the circuit to open', 15_000, 200);
      const calculated = (await platform.results('flaky', 'erp-orders')).length;
      assert.ok(calculated < GOOD, `the outage came mid-run (${calculated} of ${GOOD} results before it)`);
      await finished('flaky', run);
      await expectOutcome('flaky', since, true);
    } finally {
      await calmSandbox();
    }
    assert.ok((await taxSinkMetric('tributary_tax_api_circuit_transitions_total', { ...circuit, state: 'open' })) >= 1, 'the circuit opened');
    assert.ok((await taxSinkMetric('tributary_tax_api_circuit_transitions_total', { ...circuit, state: 'closed' })) >= 1, 'the circuit closed again');
    assert.equal(await taxSinkMetric('tributary_tax_api_circuit_state', circuit), 0, 'the circuit ends closed');
    assert.ok((await taxSinkMetric('tributary_tax_sink_retries_total', circuit)) > 0, 'failed calls were retried');
    await eventually(async () => (await taxSinkLag('flaky')) === 0, 'the tax sink to commit its whole backlog', 30_000, 500);
  });

  test('two tax-sink instances share the partitions and together finish the run', async () => {
    const spec = platform.stack.process('tax-sink').spec;
    const port = await freePort();
    const second = new SupervisedProcess(
      { ...spec, name: 'tax-sink-2', port, env: { ...spec.env, PORT: String(port) } },
      (name, line) => {
        platform.output.push(`${name}: ${line}`);
        if (process.env.E2E_LOG) appendFileSync(process.env.E2E_LOG, `${name}: ${line}\n`);
      },
      (event) => void platform.output.push(`${event.name}: ${event.kind} ${event.detail ?? ''}`),
    );
    await second.start();
    try {
      await erpTenant(platform, 'shared', ORDERS);
      await platform.apply('shared', erpPipeline('shared', 'erp-orders', TAX_API));
      await eventually(async () => (await groupMembers('tributary.shared.erp-orders.tax-sink')) === 2, 'both tax-sinks in the pipeline\'s group', 60_000, 200);
      const since = await stats();
      await sandbox(platform, 'PUT', '/v1/knobs', { latencyMs: 5 });
      await finished('shared', await platform.runNow('shared', 'erp-orders'));
      await expectOutcome('shared', since, true);
      const labels = { tenant: 'shared', pipeline: 'erp-orders' };
      const first = await taxSinkMetric('tributary_records_in_total', labels);
      const other = await taxSinkMetric('tributary_records_in_total', labels, port);
      assert.ok(first > 0 && other > 0, `each instance took orders: ${first} and ${other}`);
      assert.ok(first + other >= GOOD, `together they read every good order: ${first} + ${other}`);
    } finally {
      await second.stop();
      await calmSandbox();
    }
  });

  test('SIGKILL of the transformer, the tax-sink and the broker mid-run, each restarted: the same final counts', async () => {
    await erpTenant(platform, 'crashy', ORDERS);
    await platform.apply('crashy', erpPipeline('crashy', 'erp-orders', TAX_API));
    const since = await stats();
    const topic = (stage: string) => `tributary.crashy.erp-orders.${stage}`;
    // Slow enough calls keep orders flowing through the three crashes and restarts.
    await sandbox(platform, 'PUT', '/v1/knobs', { latencyMs: 20 });
    // crash() kills at once and resolves once the supervisor restarted the program.
    const restarts: Promise<void>[] = [];
    const kill = (name: string): Promise<void> => {
      const back = platform.stack.process(name).crash();
      restarts.push(back);
      return back;
    };
    try {
      const run = await platform.runNow('crashy', 'erp-orders');
      const labels = { tenant: 'crashy', pipeline: 'erp-orders' };
      const mapped = async () => sampleSum(await platform.metrics(platform.stack.ports.transformer), 'tributary_records_out_total', labels);
      await eventually(async () => (await mapped()) >= ORDERS / 2, 'half the orders through the transformer', 60_000, 20);
      // A SIGKILLed member stays in its consumer group until its session times out (10 s here),
      // and only then does the restarted one get partitions. The tax-sink is killed while the
      // transformer waits out its own, so the test pays for one wait, not two.
      const transformerBack = kill('transformer');
      assert.ok((await platform.topicEnd(topic('mapped'))) < GOOD, 'the transformer is killed with orders still to map');
      await taxed(since, GOOD / 8, 20);
      const taxSinkBack = kill('tax-sink');
      const calculated = (await stats()).calculations - since.calculations;
      assert.ok(calculated < (await platform.topicEnd(topic('valid'))), `the tax-sink is killed with orders still to tax (${calculated} taxed)`);
      await Promise.all([transformerBack, taxSinkBack]);
      await taxed(since, GOOD / 2);
      const brokerBack = kill('broker');
      assert.ok((await stats()).calculations - since.calculations < GOOD, 'the broker is killed with orders still to tax');
      await brokerBack;
      await finished('crashy', run);
      await expectOutcome('crashy', since, false);
    } finally {
      await Promise.allSettled(restarts);
      await calmSandbox();
    }
  });
});
