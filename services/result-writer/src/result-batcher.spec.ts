import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TaxResult } from '@tributary/avro';
import { PAUSE_PARTITION, RecordRejection, type ConsumedRecord } from '@tributary/stream';
import pino from 'pino';
import { ResultBatcher } from './result-batcher';
import { resultHandler } from './result-handler';
import { StoreUnavailableError, type ResultStore, type ResultToStore } from './result-store';
import { StoreBackoff } from './store-backoff';
import { taxResultDocumentOf } from './tax-result-document';
import { taxResult } from './testing/results-platform';

/** A store that keeps the batches it was given and answers as told. */
function recordingStore(answer: (batch: readonly ResultToStore[]) => Map<number, string> | Error = () => new Map()): ResultStore & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    name: 'recording',
    batches,
    async write(_tenant, _pipeline, batch) {
      batches.push(batch.map((e) => e.key ?? ''));
      const outcome = answer(batch);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
}

const record = (orderId: string, partition = 0, offset = '0'): ConsumedRecord<TaxResult> => ({
  topic: 'tributary.acme.orders.results',
  partition,
  offset,
  timestamp: '0',
  key: orderId,
  keyBytes: Buffer.from(orderId),
  value: taxResult('acme', 'orders', orderId),
  payload: Buffer.alloc(0),
  headers: {},
  context: { tenant: 'acme', pipeline: 'orders' },
  attempt: 1,
});

describe('batching results from many partitions into store writes', () => {
  test('results handed over together are written in one batch, in every store, in store order', async () => {
    const first = recordingStore();
    const second = recordingStore();
    const batcher = new ResultBatcher({ tenant: 'acme', pipeline: 'orders', stores: [first, second], lingerMs: 5 });
    const handler = resultHandler(batcher, new StoreBackoff(() => undefined), pino({ level: 'silent' }), () => undefined);
    const outcomes = await Promise.all(['A', 'B', 'C'].map((id, partition) => handler(record(id, partition))));
    assert.deepEqual(outcomes, [undefined, undefined, undefined]);
    assert.deepEqual(first.batches, [['A', 'B', 'C']]);
    assert.deepEqual(second.batches, [['A', 'B', 'C']]);
  });

  test('results arriving while a batch is written form the next batch, never more than maxBatch', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = recordingStore();
    const slow: ResultStore = { name: 'slow', write: async (t, p, batch) => (await gate, store.write(t, p, batch)) };
    const batcher = new ResultBatcher({ tenant: 'acme', pipeline: 'orders', stores: [slow], lingerMs: 0, maxBatch: 2 });
    const first = batcher.submit(entryOf('A'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rest = ['B', 'C', 'D'].map((id) => batcher.submit(entryOf(id)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await Promise.all([first, ...rest]);
    assert.deepEqual(store.batches, [['A'], ['B', 'C'], ['D']]);
  });

  test('a result a store refuses fails only its record, with the store named in the reason', async () => {
    const store = recordingStore((batch) => new Map(batch.flatMap((e, i) => (e.key === 'BAD' ? [[i, 'currency must be an ISO 4217 code']] : []))));
    const batcher = new ResultBatcher({ tenant: 'acme', pipeline: 'orders', stores: [store] });
    const handler = resultHandler(batcher, new StoreBackoff(() => undefined), pino({ level: 'silent' }), () => undefined);
    const [good, bad] = await Promise.allSettled([handler(record('GOOD', 0)), handler(record('BAD', 1))]);
    assert.equal(good.status, 'fulfilled');
    assert.equal(bad.status, 'rejected');
    const error = (bad as PromiseRejectedResult).reason;
    assert.ok(error instanceof RecordRejection);
    assert.equal(error.reasons[0].message, 'recording: currency must be an ISO 4217 code');
  });

  test('a store that is down pauses the partition and resumes it after a backoff that grows', async () => {
    const store = recordingStore(() => new StoreUnavailableError('recording', new Error('connection refused')));
    const resumed: string[] = [];
    const backoff = new StoreBackoff((topic, partition) => resumed.push(`${topic}/${partition}`), 10, 1000);
    const handler = resultHandler(new ResultBatcher({ tenant: 'acme', pipeline: 'orders', stores: [store] }), backoff, pino({ level: 'silent' }), () => undefined);
    assert.equal(await handler(record('A', 2)), PAUSE_PARTITION);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(resumed, ['tributary.acme.orders.results/2']);
    assert.deepEqual([backoff.pause('t', 0), backoff.pause('t', 0)], [20, 40]);
    backoff.succeeded();
    assert.equal(backoff.pause('t', 0), 10);
    backoff.cancel();
  });
});

function entryOf(orderId: string): ResultToStore {
  return { key: orderId, result: taxResultDocumentOf(taxResult('acme', 'orders', orderId)), keyBytes: Buffer.from(orderId), payload: null, headers: {}, topic: 't', partition: 0, offset: '0' };
}
