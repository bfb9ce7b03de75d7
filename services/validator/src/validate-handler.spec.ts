import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SchemaRegistryHttp, type ErrorRecord } from '@tributary/avro';
import { consumerGroup, stageTopic, type PipelineSpec } from '@tributary/pipeline-spec';
import { ConsumerRunner } from '@tributary/stream';
import type { DataRecord } from '@tributary/transforms';
import { RunQuality } from './run-quality';
import { validateHandler } from './validate-handler';
import { StageFixture, until } from '@tributary/service-runtime/testing';

const FAST = { sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 };

const MAPPED = {
  type: 'record',
  name: 'order',
  namespace: 'io.tributary.mapped',
  fields: [
    { name: 'orderId', type: ['null', 'string'], default: null },
    { name: 'total', type: ['null', { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 }], default: null },
    { name: 'country', type: ['null', 'string'], default: null },
    { name: 'orderDate', type: ['null', { type: 'int', logicalType: 'date' }], default: null },
  ],
};

describe('the validator checks <p>.mapped records against the pipeline rules', () => {
  let fx: StageFixture;
  const runners: ConsumerRunner<DataRecord>[] = [];
  const topic = (spec: PipelineSpec, stage: 'mapped' | 'valid' | 'errors') => stageTopic(spec.metadata.tenant, spec.metadata.name, stage);

  before(async () => {
    fx = await StageFixture.start();
  });
  after(async () => {
    for (const runner of runners) await runner.stop();
    await fx?.dispose();
  });

  test('passing records go to <p>.valid as they came, failing ones to errors with every broken rule naming its field, and the run has its quality figures', async () => {
    const spec = await fx.pipeline({
      source: { connector: 'file', path: 'drops', key: 'orderId' },
      validate: [
        { notNull: ['orderId', 'total'] },
        { range: { field: 'total', min: 0 } },
        { enum: { field: 'country', values: ['US', 'DE'] } },
        { range: { field: 'orderDate', min: '2000-01-01' } },
      ],
      quality: { completeness: { country: 0.9 } },
      sinks: [{ topic: { name: 'downstream' } }],
    });
    const runId = randomUUID();
    const context = { tenant: spec.metadata.tenant, pipeline: spec.metadata.name, runId };
    const orders = [
      { orderId: 'V-1', total: '12.50', country: 'US', orderDate: '2024-03-05' },
      { orderId: 'V-2', total: '-5.00', country: 'XX', orderDate: '2024-03-05' },
      { orderId: 'V-3', total: null, country: 'DE', orderDate: '1999-12-31' },
      { orderId: 'V-4', total: '0.00', country: null, orderDate: null },
    ];
    await fx.producer.publish(topic(spec, 'mapped'), orders.map((value) => ({ key: value.orderId, value, context })), { schema: MAPPED });
    const quality = new RunQuality();
    const runner = new ConsumerRunner<DataRecord>({
      kafka: fx.kafka,
      codec: fx.codec,
      producer: fx.producer,
      groupId: consumerGroup(spec.metadata.tenant, spec.metadata.name, 'validator'),
      topics: [topic(spec, 'mapped')],
      stage: 'VALIDATE',
      handle: validateHandler({ tenant: spec.metadata.tenant, pipeline: spec.metadata.name, spec }, { producer: fx.producer, codec: fx.codec, registry: new SchemaRegistryHttp(fx.registry.url), quality }),
      consumer: FAST,
      topicRefreshMs: 0,
    });
    await runner.start();
    runners.push(runner);
    await until('every record to be checked', async () => (await fx.count(topic(spec, 'valid'))) + (await fx.count(topic(spec, 'errors'))) >= orders.length);

    const valid = await fx.readAll<Record<string, unknown>>(topic(spec, 'valid'));
    assert.deepEqual(valid.map((r) => [r.key, { ...r.value }]).sort(), [
      ['V-1', orders[0]],
      ['V-4', orders[3]],
    ]);
    assert.equal(valid[0].headers['tributary-run'], runId);
    const subject = await fetch(`${fx.registry.url}/subjects/${topic(spec, 'valid')}-value/versions/latest`).then((r) => r.json() as Promise<{ schema: string }>);
    assert.equal(JSON.parse(subject.schema).name, 'order', 'the mapped schema is registered for <p>.valid');

    const errors = await fx.readAll<ErrorRecord>(topic(spec, 'errors'));
    const reasons = new Map(errors.map((e) => [e.key, e.value.reasons.map((r) => [r.code, r.field])]));
    assert.deepEqual(reasons.get('V-2'), [['range', 'total'], ['enum', 'country']]);
    assert.deepEqual(reasons.get('V-3'), [['notNull', 'total'], ['range', 'orderDate']]);
    assert.ok(errors.every((e) => e.value.stage === 'VALIDATE' && e.value.runId === runId));
    assert.match(errors.find((e) => e.key === 'V-2')!.value.reasons[1].message, /validate\[2\] enum: .*XX/);

    const report = quality.report(runId)!;
    assert.deepEqual([report.records, report.passed, report.failed], [4, 2, 2]);
    assert.deepEqual(report.rules.map((r) => r.failures), [1, 1, 1, 1]);
    assert.deepEqual(report.completeness.map((c) => [c.field, c.present, c.total, c.ok]), [['country', 3, 4, false]]);
    const figures = quality.figuresOf(runId)!;
    assert.deepEqual([figures.records, figures.failed, figures.completeness], [4, 2, [{ field: 'country', present: 3, total: 4 }]]);
    assert.equal(quality.figuresOf(randomUUID()), undefined, 'a run it never saw');
  });
});
