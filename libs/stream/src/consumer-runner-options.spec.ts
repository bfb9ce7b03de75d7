import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfluentAvroCodec, InMemorySchemaRegistry } from '@tributary/avro';
import { Kafka } from 'kafkajs';
import { resolveRunnerOptions, type ConsumerRunnerOptions } from './consumer-runner-options';
import type { StreamProducer } from './stream-producer';

const base: ConsumerRunnerOptions<unknown> = {
  kafka: new Kafka({ brokers: ['127.0.0.1:1'] }),
  groupId: 'tributary.acme.p.validator',
  topics: ['tributary.acme.p.mapped'],
  codec: new ConfluentAvroCodec(new InMemorySchemaRegistry()),
  producer: {} as StreamProducer,
  stage: 'VALIDATE',
  handle: async () => {},
};

describe('ConsumerRunner options', () => {
  test('defaults: four partitions at once, a 5 s topic poll, errors and retries to the pipeline’s own topics', () => {
    const resolved = resolveRunnerOptions(base);
    assert.equal(resolved.concurrency, 4);
    assert.equal(resolved.topicRefreshMs, 5000);
    assert.equal(resolved.errorTopicOf('tributary.acme.p.mapped'), 'tributary.acme.p.errors');
    assert.equal(resolved.retryTopicOf('tributary.acme.p.valid'), 'tributary.acme.p.retry');
    assert.equal(resolved.retry.maxAttempts, 5);
  });

  test('a wrong option fails at construction, named with what it must be', () => {
    assert.throws(() => resolveRunnerOptions({ ...base, groupId: '' }), /option groupId must be a non-empty string, got ""/);
    assert.throws(() => resolveRunnerOptions({ ...base, topics: [] }), /option topics must be a non-empty list/);
    assert.throws(() => resolveRunnerOptions({ ...base, topics: [42 as never] }), /option topics must be topic names and RegExps, got 42/);
    assert.throws(() => resolveRunnerOptions({ ...base, concurrency: 0 }), /option concurrency must be an integer from 1, got 0/);
    assert.throws(() => resolveRunnerOptions({ ...base, retry: { maxAttempts: -1 } }), /retry\.maxAttempts/);
  });

  test('a named topic outside the record path needs its own errors topic', () => {
    assert.throws(() => resolveRunnerOptions({ ...base, topics: ['_tributary.runs'] }), /option errorTopicOf must be a way to name the errors topic of _tributary\.runs/);
    assert.equal(resolveRunnerOptions({ ...base, topics: ['_tributary.runs'], errorTopicOf: () => '_tributary.runs.errors' }).errorTopicOf('_tributary.runs'), '_tributary.runs.errors');
  });
});
