import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taxOrderFixture, taxRequestOf, type ErrorAnswer, type TaxResponse } from '@tributary/tax-api';
import type { TaxOrder } from '@tributary/avro';
import { seededRandom } from './seeded-random';
import { TaxSandbox } from './tax-sandbox';

const bodyOf = (overrides: Partial<TaxOrder> = {}) => JSON.parse(JSON.stringify(taxRequestOf(taxOrderFixture(overrides), 'acme'))) as unknown;
const calc = (answer: { body: unknown }) => answer.body as TaxResponse;
const error = (answer: { body: unknown }) => (answer.body as ErrorAnswer).error;

describe('the tax sandbox', () => {
  it('answers the same key with the same calculation, and counts one order taxed once', async () => {
    const sandbox = new TaxSandbox();
    const first = await sandbox.calculate(bodyOf(), 'key-1');
    const again = await sandbox.calculate(bodyOf(), 'key-1');
    assert.equal(first.status, 200);
    assert.equal(calc(again).calculationId, calc(first).calculationId);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    const stats = sandbox.statistics();
    assert.deepEqual([stats.requests, stats.calculations, stats.replays, stats.distinctOrders, stats.taxedTwice], [2, 1, 1, 1, 0]);
  });

  it('counts the same order calculated under a second key as taxed twice', async () => {
    const sandbox = new TaxSandbox();
    await sandbox.calculate(bodyOf(), 'key-1');
    const second = await sandbox.calculate(bodyOf(), 'key-2');
    assert.notEqual(calc(second).calculationId, undefined);
    assert.equal(sandbox.statistics().taxedTwice, 1);
  });

  it('counts a changed order under a new key as a new version, not as taxed twice', async () => {
    const sandbox = new TaxSandbox();
    await sandbox.calculate(bodyOf(), 'key-1');
    await sandbox.calculate(bodyOf({ currency: 'EUR' }), 'key-2');
    const stats = sandbox.statistics();
    assert.deepEqual([stats.calculations, stats.distinctOrders, stats.distinctDocuments, stats.taxedTwice], [2, 1, 2, 0]);
  });

  it('refuses a key reused for another request and a call without a key', async () => {
    const sandbox = new TaxSandbox();
    await sandbox.calculate(bodyOf(), 'key-1');
    const reused = await sandbox.calculate(bodyOf({ currency: 'EUR' }), 'key-1');
    assert.deepEqual([reused.status, error(reused).code], [422, 'IDEMPOTENCY_KEY_REUSED']);
    const keyless = await sandbox.calculate(bodyOf(), undefined);
    assert.deepEqual([keyless.status, error(keyless).code], [400, 'IDEMPOTENCY_KEY_REQUIRED']);
    assert.equal(sandbox.statistics().rejected, 2);
  });

  it('answers 429 with Retry-After and injected 5xx at the rates its knobs say, before calculating', async () => {
    const sandbox = new TaxSandbox({ knobs: { throttleRate: 1, retryAfterSeconds: 7 } });
    const throttled = await sandbox.calculate(bodyOf(), 'k');
    assert.deepEqual([throttled.status, throttled.headers['retry-after']], [429, '7']);
    sandbox.changeKnobs({ throttleRate: 0, errorRate: 1, errorStatus: 503 });
    assert.equal((await sandbox.calculate(bodyOf(), 'k')).status, 503);
    assert.equal(sandbox.statistics().calculations, 0);
  });

  it('fails about the share of calls its error rate asks for', async () => {
    const sandbox = new TaxSandbox({ knobs: { errorRate: 0.3 }, random: seededRandom(42) });
    let failed = 0;
    for (let i = 0; i < 1000; i++) if ((await sandbox.calculate(bodyOf({ orderId: `SO-${i}` }), `k-${i}`)).status === 500) failed += 1;
    assert.ok(failed > 250 && failed < 350, `${failed} of 1000 failed`);
  });

  it('keeps a calculation whose answer it lost, and answers the retry from it', async () => {
    const sandbox = new TaxSandbox({ knobs: { lostAnswerRate: 1 } });
    assert.equal((await sandbox.calculate(bodyOf(), 'k')).status, 500);
    sandbox.changeKnobs({ lostAnswerRate: 0 });
    const retried = await sandbox.calculate(bodyOf(), 'k');
    assert.equal(retried.status, 200);
    const stats = sandbox.statistics();
    assert.deepEqual([stats.calculations, stats.replays, stats.lostAnswers, stats.taxedTwice], [1, 1, 1, 0]);
  });

  it('answers 503 with the time left during an outage and calculates again after it', async () => {
    const sandbox = new TaxSandbox();
    sandbox.changeKnobs({ outage: { seconds: 30, mode: 'unavailable' } });
    const down = await sandbox.calculate(bodyOf(), 'k');
    assert.deepEqual([down.status, error(down).code, down.headers['retry-after']], [503, 'UNAVAILABLE', '30']);
    sandbox.changeKnobs({ outage: null });
    assert.equal((await sandbox.calculate(bodyOf(), 'k')).status, 200);
    sandbox.close();
  });

  it('ends an outage by itself', async () => {
    const sandbox = new TaxSandbox();
    sandbox.changeKnobs({ outage: { seconds: 0.05, mode: 'unavailable' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(sandbox.outages.current, null);
    sandbox.close();
  });
});
