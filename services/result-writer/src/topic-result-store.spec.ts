import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EncodedRecord, StreamProducer } from '@tributary/stream';
import type { Kafka } from 'kafkajs';
import { StoreUnavailableError, type ResultToStore } from './result-store';
import { TopicResultStore } from './topic-result-store';

/** An admin that creates topics and a producer that refuses the first `refusals` produces. */
function doubles(refusals: number) {
  const created: { topic: string; numPartitions: number }[] = [];
  const produced: { topic: string; records: readonly EncodedRecord[] }[] = [];
  const kafka = {
    admin: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      createTopics: async ({ topics }: { topics: { topic: string; numPartitions: number }[] }) => (created.push(...topics), true),
    }),
  } as unknown as Kafka;
  let refused = 0;
  const producer = {
    publishEncoded: async (topic: string, records: readonly EncodedRecord[]) => {
      if (refused++ < refusals) throw new Error('NOT_ENOUGH_REPLICAS');
      produced.push({ topic, records });
      return [];
    },
  } as unknown as StreamProducer;
  return { kafka, producer, created, produced };
}

const entry = (key: string, value: Buffer | null): ResultToStore => ({
  key,
  result: null,
  keyBytes: Buffer.from(key),
  payload: value,
  headers: { 'tributary-tenant': Buffer.from('acme') },
  topic: 'tributary.acme.orders.results',
  partition: 0,
  offset: '0',
});

describe('a topic sink as a results store', () => {
  test('creates the topic with the pipeline partitions and produces key, value bytes and headers as they came', async () => {
    const { kafka, producer, created, produced } = doubles(0);
    const store = new TopicResultStore({ name: 'acme.out', partitions: 6 }, kafka, producer);
    const value = Buffer.from([0, 0, 0, 0, 7, 1, 2, 3]);
    assert.deepEqual(await store.write('acme', 'orders', [entry('A', value), entry('B', null)]), new Map());
    assert.deepEqual(created, [{ topic: 'acme.out', numPartitions: 6, replicationFactor: -1 }]);
    assert.equal(produced.length, 1);
    assert.equal(produced[0].topic, 'acme.out');
    assert.deepEqual(produced[0].records, [
      { key: Buffer.from('A'), value, headers: { 'tributary-tenant': Buffer.from('acme') } },
      { key: Buffer.from('B'), value: null, headers: { 'tributary-tenant': Buffer.from('acme') } },
    ]);
  });

  test('a refused produce is StoreUnavailableError (the batch waits and is produced again), never a refused result', async () => {
    const { kafka, producer, produced } = doubles(2);
    const store = new TopicResultStore({ name: 'acme.out', partitions: 3 }, kafka, producer);
    const batch = [entry('A', Buffer.from([0, 0, 0, 0, 1]))];
    for (let attempt = 0; attempt < 2; attempt++) {
      await assert.rejects(store.write('acme', 'orders', batch), (error) => error instanceof StoreUnavailableError && error.store === 'topic:acme.out' && /NOT_ENOUGH_REPLICAS/.test(error.message));
    }
    assert.deepEqual(await store.write('acme', 'orders', batch), new Map());
    assert.equal(produced.length, 1);
  });
});
