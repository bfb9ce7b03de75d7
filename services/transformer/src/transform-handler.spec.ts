import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPlatformSchema, SchemaRegistryHttp, type ErrorRecord, type TaxOrder } from '@tributary/avro';
import { findSourceConnector } from '@tributary/connector-registry';
import { consumerGroup, parsePipeline, stageTopic, type PipelineSpec } from '@tributary/pipeline-spec';
import { ConsumerRunner, DROPPED, silentLogger, type StreamLogger } from '@tributary/stream';
import { repoRoot } from '@tributary/testing';
import type { DataRecord } from '@tributary/transforms';
import { valueConverter } from './logical-values';
import { transformHandler } from './transform-handler';
import { StageFixture, until } from '@tributary/service-runtime/testing';

const FAST = { sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 };

describe('the transformer maps <p>.raw to <p>.mapped through the pipeline steps', () => {
  let fx: StageFixture;
  const runners: ConsumerRunner<DataRecord>[] = [];
  const topic = (spec: PipelineSpec, stage: 'raw' | 'mapped' | 'errors') => stageTopic(spec.metadata.tenant, spec.metadata.name, stage);

  /** The transformer's consumer of one pipeline, as the service runtime starts it. */
  const transform = async (spec: PipelineSpec, logger: StreamLogger = silentLogger, outcomes?: unknown[]) => {
    const handle = transformHandler({ tenant: spec.metadata.tenant, pipeline: spec.metadata.name, spec }, { producer: fx.producer, codec: fx.codec, registry: new SchemaRegistryHttp(fx.registry.url) });
    const runner = new ConsumerRunner<DataRecord>({
      kafka: fx.kafka,
      codec: fx.codec,
      producer: fx.producer,
      groupId: consumerGroup(spec.metadata.tenant, spec.metadata.name, 'transformer'),
      topics: [topic(spec, 'raw')],
      stage: 'TRANSFORM',
      handle: outcomes === undefined ? handle : async (record) => {
        const outcome = await handle(record);
        outcomes.push(outcome);
        return outcome;
      },
      consumer: FAST,
      topicRefreshMs: 0,
      logger,
    });
    await runner.start();
    runners.push(runner);
  };

  before(async () => {
    fx = await StageFixture.start();
  });
  after(async () => {
    for (const runner of runners) await runner.stop();
    await fx?.dispose();
  });

  test('records become mapped records keyed as they came, and one failing a step goes to errors naming the step and the field', async () => {
    const spec = await fx.pipeline({
      source: { connector: 'file', path: 'drops', key: 'order_id' },
      transform: [{ rename: { order_id: 'orderId', 'Inv Date': 'orderDate' } }, { cast: { total: { type: 'decimal', scale: 2 } } }, { upper: ['country'] }],
      sinks: [{ topic: { name: 'downstream' } }],
    });
    // A raw schema as the file connector writes it: 'Inv Date' carried as Inv_Date, its source name kept.
    const raw = {
      type: 'record',
      name: 'orders',
      fields: [
        { name: 'order_id', type: 'string' },
        { name: 'Inv_Date', type: ['null', 'string'], default: null, sourceName: 'Inv Date' },
        { name: 'total', type: ['null', 'string'], default: null },
        { name: 'country', type: ['null', 'string'], default: null },
      ],
    };
    const runId = randomUUID();
    const context = { tenant: spec.metadata.tenant, pipeline: spec.metadata.name, runId, traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` };
    await fx.producer.publish(
      topic(spec, 'raw'),
      [
        { key: 'A-1', value: { order_id: 'A-1', Inv_Date: '2024-03-05', total: '12.5', country: 'us' }, context },
        { key: 'A-2', value: { order_id: 'A-2', Inv_Date: null, total: 'twelve', country: 'de' }, context },
        { key: 'A-3', value: { order_id: 'A-3', Inv_Date: '2024-03-06', total: '7', country: null }, context },
      ],
      { schema: raw },
    );
    await transform(spec);
    await until('the records to be mapped', async () => (await fx.count(topic(spec, 'mapped'))) + (await fx.count(topic(spec, 'errors'))) >= 3);

    const mapped = await fx.readAll<Record<string, unknown>>(topic(spec, 'mapped'));
    assert.deepEqual(
      mapped.map((r) => [r.key, { ...r.value }]).sort(),
      [
        // A decimal of no declared scale is carried as exact text.
        ['A-1', { orderId: 'A-1', orderDate: '2024-03-05', total: '12.5', country: 'US' }],
        ['A-3', { orderId: 'A-3', orderDate: '2024-03-06', total: '7', country: null }],
      ],
    );
    assert.equal(mapped[0].headers['tributary-run'], runId);
    assert.equal(mapped[0].headers.traceparent.split('-')[1], 'a'.repeat(32), 'the trace goes on');
    const errors = await fx.readAll<ErrorRecord>(topic(spec, 'errors'));
    assert.equal(errors.length, 1);
    const error = errors[0].value;
    assert.equal(error.stage, 'TRANSFORM');
    assert.equal(error.recordKey?.toString(), 'A-2');
    assert.deepEqual(error.reasons.map((r) => [r.code, r.field]), [['cast', 'total']]);
    assert.match(error.reasons[0].message, /transform\[1\] cast: .*twelve/);
    assert.equal(error.runId, runId);
  });

  test('a record a filter step drops is done with the DROPPED outcome (its run counts it as filtered): on neither mapped nor errors', async () => {
    const spec = await fx.pipeline({
      source: { connector: 'file', path: 'drops', key: 'order_id' },
      transform: [{ filter: "status != 'cancelled'" }],
      sinks: [{ topic: { name: 'downstream' } }],
    });
    const raw = { type: 'record', name: 'orders', fields: [{ name: 'order_id', type: 'string' }, { name: 'status', type: 'string' }] };
    const context = { tenant: spec.metadata.tenant, pipeline: spec.metadata.name, runId: randomUUID() };
    const order = (id: string, status: string) => ({ key: id, value: { order_id: id, status }, context });
    await fx.producer.publish(topic(spec, 'raw'), [order('F-1', 'open'), order('F-2', 'cancelled'), order('F-3', 'open')], { schema: raw });
    const outcomes: unknown[] = [];
    await transform(spec, silentLogger, outcomes);
    await until('every record handled', async () => outcomes.length >= 3);
    // Partitions are handled in no set order: the outcomes are compared as a tally.
    assert.deepEqual([outcomes.filter((o) => o === DROPPED).length, outcomes.filter((o) => o === undefined).length, outcomes.length], [1, 2, 3]);
    assert.deepEqual((await fx.readAll<Record<string, unknown>>(topic(spec, 'mapped'))).map((r) => r.key).sort(), ['F-1', 'F-3']);
    assert.equal(await fx.count(topic(spec, 'errors')), 0);
  });

  test('the TAXMAN example maps the ERP export, read by the file connector, to TaxOrder field by field', async () => {
    const example = (file: string) => join(repoRoot, 'examples', 'taxman-erp', file);
    const parsed = parsePipeline(readFileSync(example('pipeline.yaml'), 'utf8'));
    assert.ok(parsed.ok);
    const spec = await fx.pipeline({ ...parsed.spec, metadata: {} });
    const file = findSourceConnector('file');
    const config = file.configSchema.parse({ path: example('orders.jsonl') });
    const [stream] = await file.discover(config, {});
    const records = [];
    for await (const batch of file.read(config, {}, { stream: stream.name, mode: 'full', keyField: 'ORD_NO', schema: stream.schema, batchSize: 100 })) records.push(...batch.records);
    await fx.producer.publish(
      topic(spec, 'raw'),
      records.map((r) => ({ key: String(r.value.ORD_NO), value: r.value, context: { tenant: spec.metadata.tenant, pipeline: spec.metadata.name, sourceOffset: r.position } })),
      { schema: stream.schema },
    );
    await transform(spec);
    const expected = JSON.parse(readFileSync(example('expected-tax-orders.json'), 'utf8')) as DataRecord[];
    await until('every order to be mapped or refused', async () => (await fx.count(topic(spec, 'mapped'))) + (await fx.count(topic(spec, 'errors'))) >= records.length);

    const mapped = await fx.readAll<TaxOrder>(topic(spec, 'mapped'));
    const errors = await fx.readAll<ErrorRecord>(topic(spec, 'errors'));
    assert.equal(mapped.length, expected.length, JSON.stringify(errors.map((e) => e.value.reasons)));
    // Compared in the steps' form (decimals and dates as numbers), as expected-tax-orders.json writes them.
    const wire = valueConverter(JSON.parse(readPlatformSchema('tax-order')), 'to-steps')!;
    const byId = new Map(mapped.map((r) => [r.value.orderId, r.value]));
    for (const order of expected) {
      const actual = byId.get(order.orderId as string) as unknown as DataRecord;
      assert.ok(actual, `order ${order.orderId} was mapped`);
      wire(actual);
      assert.deepEqual(JSON.parse(JSON.stringify(actual)), order);
    }
    assert.deepEqual(errors.map((e) => e.value.reasons.map((r) => [e.value.stage, r.code, r.field])), [[['TRANSFORM', 'set', 'orderDate']]]);
  });
});
