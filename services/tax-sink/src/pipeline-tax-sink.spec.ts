import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { headerText } from '@tributary/stream';
import { taxOrderFixture } from '@tributary/tax-api';
import type { RunningSandbox } from '@tributary/tax-api-sandbox';
import { BrokerProcess } from '@tributary/testing';
import { DEFAULT_SETTINGS, eventually, SinkHarness, startQuietSandbox } from './testing/sink-harness';

const orders = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => taxOrderFixture({ orderId: `${prefix}-${i}` }));

describe('the tax sink of a pipeline, against the sandbox and a real broker', () => {
  let broker: BrokerProcess;
  let sandbox: RunningSandbox;
  const harnesses: SinkHarness[] = [];
  const start = async (settings = DEFAULT_SETTINGS) => {
    const harness = await SinkHarness.start(broker.address, sandbox.url, settings);
    harnesses.push(harness);
    return harness;
  };

  before(async () => {
    broker = await BrokerProcess.start();
    sandbox = await startQuietSandbox();
  });
  after(async () => {
    for (const harness of harnesses) await harness.dispose();
    await sandbox?.close();
    await broker?.dispose();
  });

  it('publishes one TaxResult per order to <p>.results, keyed by order id, with the order context', async () => {
    const harness = await start();
    await harness.publish(orders(20, 'OK'));
    await eventually(() => harness.results.records.length >= 20, '20 results');
    const first = harness.results.records.find((r) => r.key === 'OK-0')!;
    assert.equal(first.value.orderId, 'OK-0');
    assert.equal(first.value.totalTax, '3.3234');
    assert.equal(first.value.attempt, 1);
    assert.equal(first.value.tenant, 'acme');
    assert.equal(headerText(first.headers, 'tributary-pipeline'), harness.pipeline);
    assert.equal(harness.results.keys().size, 20);
    assert.equal(harness.errors.records.length, 0);
  });

  it('sends an order TAXMAN refuses (4xx) to <p>.errors with the answer, and moves on', async () => {
    const harness = await start();
    await harness.publish([taxOrderFixture({ orderId: 'BAD-1', currency: 'XYZ' }), taxOrderFixture({ orderId: 'GOOD-1' })]);
    await eventually(() => harness.errors.records.length >= 1 && harness.results.records.length >= 1, 'one error and one result');
    const error = harness.errors.records[0].value;
    assert.equal(error.stage, 'TAX_SINK');
    assert.equal(error.attempt, 1);
    assert.equal(error.recordKey?.toString(), 'BAD-1');
    assert.equal(error.reasons[0].code, 'TAX_API_REJECTED');
    assert.match(error.reasons[0].message, /HTTP 422.*UNKNOWN_CURRENCY/);
    assert.deepEqual({ ...error.reasons[1] }, { code: 'UNKNOWN_CURRENCY', message: 'XYZ is not an ISO 4217 currency', field: 'currency' });
    assert.ok(error.originalPayload && error.originalPayload.length > 5, 'the order is kept for replay');
    assert.deepEqual([...harness.results.keys()], ['GOOD-1']);
  });

  it('retries transient failures (5xx, 429, lost answers) through <p>.retry until every order has its result, none taxed twice', async () => {
    // About 44% of calls fail here, so an order's ten default attempts all fail once in ~3,000
    // orders: enough to flake a run of 60 now and then. Thirty attempts make that ~1e-11.
    const harness = await start({ ...DEFAULT_SETTINGS, retry: { ...DEFAULT_SETTINGS.retry, max: 30 }, circuit: { errorPercent: 100, resetMs: 500 } });
    const before = sandbox.sandbox.statistics();
    sandbox.sandbox.changeKnobs({ errorRate: 0.3, throttleRate: 0.2, retryAfterSeconds: 0, lostAnswerRate: 0.2 });
    try {
      await harness.publish(orders(60, 'FLAKY'));
      // Errors count too, so an order that ran out of attempts fails the test now, and says why.
      await eventually(() => harness.results.keys().size + harness.errors.records.length >= 60, 'a result or an error for each of 60 orders', 60_000);
    } finally {
      sandbox.sandbox.changeKnobs({ errorRate: 0, throttleRate: 0, lostAnswerRate: 0 });
    }
    assert.deepEqual(harness.errors.records.map((r) => r.value.reasons), [], 'no order ran out of attempts');
    const stats = sandbox.sandbox.statistics();
    assert.equal(stats.calculations - before.calculations, 60, 'each order calculated once');
    assert.equal(stats.taxedTwice, 0);
    assert.ok(stats.replays > before.replays, 'lost answers were replayed, not recalculated');
    assert.ok(harness.results.records.some((r) => r.value.attempt > 1), 'some results came from a retry');
    const retries = await harness.metrics.retries.get();
    assert.ok(retries.values.some((v) => v.labels.reason === 'SERVER_ERROR' && v.value > 0));
    assert.ok(retries.values.some((v) => v.labels.reason === 'RATE_LIMITED' && v.value > 0));
  });

  it('opens the circuit during an outage, pauses its partitions, and drains the backlog when TAXMAN is back', async () => {
    const harness = await start();
    const before = sandbox.sandbox.statistics();
    sandbox.sandbox.changeKnobs({ latencyMs: 5 });
    await harness.publish(orders(40, 'EARLY'));
    await eventually(() => harness.results.keys().size >= 40, 'the first 40 results');

    sandbox.sandbox.changeKnobs({ outage: { seconds: 3, mode: 'refuse' } });
    await harness.publish(orders(80, 'LATE'));
    await eventually(() => harness.sink.circuitState === 'open', 'the circuit open');
    const paused = harness.runner.paused().map((tp) => tp.topic);
    assert.ok(paused.includes(harness.sink.topics.valid), `valid paused (paused: ${paused.join(', ')})`);

    await eventually(() => harness.results.keys().size >= 120, 'all 120 results after the outage', 60_000);
    sandbox.sandbox.changeKnobs({ latencyMs: 0 });
    assert.equal(harness.sink.circuitState, 'closed');
    const transitions = await harness.metrics.circuitTransitions.get();
    const entered = (state: string) => transitions.values.find((v) => v.labels.state === state)?.value ?? 0;
    assert.ok(entered('open') >= 1 && entered('half-open') >= 1 && entered('closed') >= 1, JSON.stringify(transitions.values));
    const stats = sandbox.sandbox.statistics();
    assert.equal(stats.calculations - before.calculations, 120, 'each order calculated once');
    assert.equal(stats.taxedTwice, 0);
    assert.equal(harness.errors.records.length, 0, 'no order lost to errors');
  });
});
