import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaxOrder, TaxResult } from '@tributary/avro';
import { PAUSE_PARTITION, RecordRejection, type ConsumedRecord, type StreamProducer } from '@tributary/stream';
import { failureOfAnswer, TaxApiFailure, taxOrderFixture } from '@tributary/tax-api';
import { taxOrderHandler } from './tax-order-handler';

const schedule = { initialDelayMs: 100, multiplier: 2, maxDelayMs: 1000, maxAttempts: 3, jitter: false };

function recordOf(attempt = 1): ConsumedRecord<TaxOrder> {
  const order = taxOrderFixture();
  return { topic: 'tributary.acme.orders.valid', partition: 0, offset: '7', timestamp: '0', key: order.orderId, keyBytes: Buffer.from(order.orderId), value: order, payload: Buffer.from([0]), headers: {}, context: { tenant: 'acme', pipeline: 'orders' }, attempt };
}

function handlerWith(outcome: () => Promise<TaxResult>, publish: StreamProducer['publish'] = async () => []) {
  const retries: string[] = [];
  const published: unknown[] = [];
  const producer = { publish: async (...args: Parameters<StreamProducer['publish']>) => { published.push(args); return publish(...args); } } as unknown as StreamProducer;
  const handle = taxOrderHandler({ client: { calculate: outcome }, producer, resultsTopic: 'tributary.acme.orders.results', schedule, onRetry: (r) => retries.push(r) });
  return { handle, retries, published };
}

describe('the tax order handler', () => {
  it('publishes the result under the record key with the record context', async () => {
    const { handle, published } = handlerWith(async () => ({ orderId: 'SO-1001' }) as TaxResult);
    assert.equal(await handle(recordOf()), undefined);
    const [topic, records] = published[0] as [string, Array<{ key: Buffer; context: object }>];
    assert.equal(topic, 'tributary.acme.orders.results');
    assert.equal(records[0].key.toString(), 'SO-1001');
    assert.deepEqual(records[0].context, { tenant: 'acme', pipeline: 'orders' });
  });

  it("files the result under the run in the record's headers when the order names none", async () => {
    const runId = '0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
    const record = { ...recordOf(), context: { tenant: 'acme', pipeline: 'orders', runId } };
    const unnamed = handlerWith(async () => ({ orderId: 'SO-1001', runId: null }) as TaxResult);
    await unnamed.handle(record);
    assert.equal((unnamed.published[0] as [string, Array<{ value: TaxResult }>])[1][0].value.runId, runId);
    const named = handlerWith(async () => ({ orderId: 'SO-1001', runId: '11111111-2222-4333-8444-555555555555' }) as TaxResult);
    await named.handle(record);
    assert.equal((named.published[0] as [string, Array<{ value: TaxResult }>])[1][0].value.runId, '11111111-2222-4333-8444-555555555555', "the order's own run id stands");
  });

  it('hands the record back to pause its partition while the circuit is open', async () => {
    const { handle, retries } = handlerWith(() => Promise.reject(new TaxApiFailure('CIRCUIT_OPEN', 'open')));
    assert.equal(await handle(recordOf()), PAUSE_PARTITION);
    assert.deepEqual(retries, []);
  });

  it('retries a transient failure after the backoff, or after Retry-After when that is longer', async () => {
    const failing = handlerWith(() => Promise.reject(failureOfAnswer(503, {}, '')));
    const outcome = await failing.handle(recordOf(2));
    assert.deepEqual(outcome && outcome.kind === 'retry' && [outcome.delayMs, outcome.reasons[0].code], [200, 'TAX_API_SERVER_ERROR']);
    assert.deepEqual(failing.retries, ['SERVER_ERROR']);
    const throttled = handlerWith(() => Promise.reject(failureOfAnswer(429, { 'retry-after': '5' }, '')));
    const later = await throttled.handle(recordOf(1));
    assert.equal(later && later.kind === 'retry' && later.delayMs, 5000);
  });

  it('does not count a retry once the attempts are spent (the runner sends it to errors)', async () => {
    const { handle, retries } = handlerWith(() => Promise.reject(failureOfAnswer(500, {}, '')));
    await handle(recordOf(3));
    assert.deepEqual(retries, []);
  });

  it('fails a refused order for good with TAXMAN reasons', async () => {
    const { handle } = handlerWith(() => Promise.reject(failureOfAnswer(422, {}, '{"error":{"code":"INVALID_ORDER","message":"no","problems":[{"field":"currency","code":"UNKNOWN_CURRENCY","message":"XYZ"}]}}')));
    await assert.rejects(handle(recordOf()), (err: unknown) => err instanceof RecordRejection && err.reasons[1].field === 'currency');
  });

  it('retries when the result cannot be published, so the call is made again under the same key', async () => {
    const { handle, retries } = handlerWith(async () => ({ orderId: 'SO-1001' }) as TaxResult, () => Promise.reject(new Error('broker gone')));
    const outcome = await handle(recordOf());
    assert.equal(outcome && outcome.kind === 'retry' && outcome.reasons[0].code, 'RESULT_NOT_PUBLISHED');
    assert.deepEqual(retries, ['RESULT_NOT_PUBLISHED']);
  });

  it('skips a tombstone', async () => {
    const { handle, published } = handlerWith(() => assert.fail('no call for a tombstone'));
    assert.equal(await handle({ ...recordOf(), value: null }), undefined);
    assert.equal(published.length, 0);
  });
});
