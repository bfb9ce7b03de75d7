import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfluentAvroCodec, platformType, SchemaRegistryHttp, type RunEvent } from '@tributary/avro';
import { compile, INTERNAL_TOPICS, validatePipeline, type PipelineAnnouncement, type PipelineSpec } from '@tributary/pipeline-spec';
import { createStreamProducer, DROPPED, ensurePipelineTopics, ensureTopics, internalTopicSpecs, newTraceparent, parseTraceparent, retryLater, type ConsumedRecord } from '@tributary/stream';
import { BrokerProcess, RegistryProcess } from '@tributary/testing';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { PipelineConsumers } from './pipeline-consumers';
import { startService, type RunningService } from './run-service';
import { ConfigError, parseServiceEnv } from './service-config';

const SPEC = {
  apiVersion: 'tributary/v1',
  kind: 'Pipeline',
  metadata: { tenant: 'acme', name: 'orders' },
  source: { connector: 'postgres', connection: { secret: 'acme-erp' }, table: 'orders', mode: 'full', key: 'order_id' },
  transform: [{ rename: { order_id: 'orderId' } }],
  sinks: [{ postgres: { table: 'order_results' } }],
  settings: { partitions: 2 },
};
const RAW = 'tributary.acme.orders.raw';
const RUN_ID = '3f1c2b9e-7a1d-4c55-9b0e-2d6f8a4c1e77';
const RAW_SCHEMA = { type: 'record', name: 'Order', fields: [{ name: 'order_id', type: 'string' }] };

function announcement(status: PipelineAnnouncement['status'], version: number): PipelineAnnouncement {
  return { tenant: 'acme', pipeline: 'orders', version, action: status === 'active' ? 'applied' : 'paused', status, prefix: 'tributary.acme.orders', at: new Date().toISOString(), spec: SPEC };
}

function validated(value: unknown): PipelineSpec {
  const outcome = validatePipeline(value);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.faults));
  return outcome.spec;
}

async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('service config', () => {
  test('every bad variable is named on its own line, values not echoed', () => {
    try {
      parseServiceEnv({ TAX_API_URL: z.url() }, { KAFKA_BROKERS: 'nohost', PORT: 'eighty', TAX_API_URL: 'secret-value', KAFKA_SESSION_TIMEOUT_MS: '500' });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.message.split('\n').map((line) => line.split(':')[0]).sort(), ['KAFKA_BROKERS', 'KAFKA_SESSION_TIMEOUT_MS', 'PORT', 'TAX_API_URL']);
      assert.ok(!err.message.includes('secret-value'));
    }
  });

  test('defaults point at the embedded stack, and an empty variable counts as unset', () => {
    const config = parseServiceEnv({}, { KAFKA_BROKERS: '', LOG_LEVEL: '' });
    assert.deepEqual([config.KAFKA_BROKERS, config.SCHEMA_REGISTRY_URL, config.LOG_LEVEL, config.KAFKA_SESSION_TIMEOUT_MS], ['127.0.0.1:9092', 'http://127.0.0.1:8081', 'info', 30_000]);
  });
});

describe('a stage service on the runtime', () => {
  let broker: BrokerProcess;
  let registry: RegistryProcess;
  let kafka: Kafka;
  let service: RunningService;
  let consumers: PipelineConsumers<{ order_id: string }>;
  const seen: ConsumedRecord<{ order_id: string }>[] = [];

  const announce = async (a: PipelineAnnouncement) => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: INTERNAL_TOPICS.pipelines, messages: [{ key: a.prefix, value: JSON.stringify(a) }] });
    await producer.disconnect();
  };

  before(async () => {
    broker = await BrokerProcess.start();
    registry = await RegistryProcess.start(broker.address);
    kafka = new Kafka({ brokers: [broker.address], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, internalTopicSpecs());
    await ensurePipelineTopics(admin, compile(validated(SPEC)));
    await admin.disconnect();
    await announce(announcement('active', 1));
    service = await startService(
      {
        name: 'transformer',
        start: async (ctx) => {
          consumers = new PipelineConsumers(ctx, {
            consumer: () => 'transformer',
            stage: 'TRANSFORM',
            // One try only: an order that asks for a retry has spent its attempts and goes to errors.
            options: () => ({ retry: { maxAttempts: 1 } }),
            handler: () => async (record) => {
              if (record.value?.order_id.startsWith('later-')) return retryLater({ code: 'BUSY', message: 'try later' });
              if (record.value?.order_id.startsWith('skip-')) return DROPPED;
              seen.push(record);
            },
          });
          await consumers.start();
          return { stop: () => consumers.stop(), groupIds: () => consumers.groupIds(), ready: () => true };
        },
      },
      { KAFKA_BROKERS: broker.address, SCHEMA_REGISTRY_URL: registry.url, PORT: '0', LOG_LEVEL: 'warn' },
    );
  });

  after(async () => {
    await service?.close();
    await registry?.stop();
    await broker?.dispose();
  });

  /** The latest PROGRESS report of a run on `_tributary.runs` once there is one. */
  async function reportOf(runId: string): Promise<RunEvent> {
    const codec = new ConfluentAvroCodec(new SchemaRegistryHttp(registry.url));
    const consumer = kafka.consumer({ groupId: `runs-reader-${Date.now()}`, maxWaitTimeInMs: 100 });
    const events: RunEvent[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: INTERNAL_TOPICS.runs, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void events.push(await codec.decodeWith<RunEvent>(message.value!, platformType('run-event'))) });
    try {
      await eventually(() => events.some((e) => e.runId === runId), 'a report of the run', 10_000);
    } finally {
      await consumer.disconnect();
    }
    return events.filter((e) => e.runId === runId).at(-1)!;
  }

  test('the announced pipeline is consumed in its own group; without an OTLP endpoint a record keeps the traceparent it came with', async () => {
    assert.deepEqual(consumers.groupIds(), ['tributary.acme.orders.transformer']);
    const codec = new ConfluentAvroCodec(new SchemaRegistryHttp(registry.url));
    const producer = createStreamProducer({ kafka, codec });
    await producer.connect();
    const traceparent = newTraceparent();
    await producer.publish(RAW, [{ key: 'o-1', value: { order_id: 'o-1' }, context: { tenant: 'acme', pipeline: 'orders', runId: RUN_ID, traceparent } }], { schema: RAW_SCHEMA });
    await producer.disconnect();
    await eventually(() => seen.length === 1, 'the record at the handler');
    const incoming = parseTraceparent(traceparent)!;
    const handed = parseTraceparent(seen[0].context.traceparent!)!;
    // No spans are made when they would go nowhere; with an endpoint each hop is a child span
    // (libs/observability's record-span spec, and the stack's source-to-result trace test).
    assert.deepEqual(handed, incoming);
    assert.deepEqual({ ...seen[0].value }, { order_id: 'o-1' });
  });

  test("the run's records are counted for it: a PROGRESS RunEvent of this instance with the stage's counts", async () => {
    const report = await reportOf(RUN_ID);
    assert.deepEqual([report.type, report.tenant, report.pipeline, report.counts.map((c) => ({ ...c }))], ['PROGRESS', 'acme', 'orders', [{ stage: 'TRANSFORM', recordsIn: 1, recordsOut: 1, errors: 0, filtered: 0 }]]);
    assert.match(report.reporter ?? '', /^.+\/\d+\/[0-9a-f]{8}$/);
  });

  test('health and metrics are served, with the records counted per pipeline', async () => {
    assert.equal((await fetch(`${service.url}/health/live`)).status, 200);
    const ready = await fetch(`${service.url}/health/ready`);
    assert.equal(ready.status, 200);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    assert.match(metrics, /tributary_records_in_total\{tenant="acme",pipeline="orders",service="transformer"\} 1/);
  });

  test('a retry asked for on the last attempt counts as failed for the run, as the record goes to errors', async () => {
    const runId = '5b2e8c1d-0f3a-4e6b-9c7d-1a2b3c4d5e6f';
    const codec = new ConfluentAvroCodec(new SchemaRegistryHttp(registry.url));
    const producer = createStreamProducer({ kafka, codec });
    await producer.connect();
    await producer.publish(RAW, [{ key: 'later-1', value: { order_id: 'later-1' }, context: { tenant: 'acme', pipeline: 'orders', runId } }], { schema: RAW_SCHEMA });
    await producer.disconnect();
    const report = await reportOf(runId);
    assert.deepEqual(report.counts.map((c) => ({ ...c })), [{ stage: 'TRANSFORM', recordsIn: 1, recordsOut: 0, errors: 1, filtered: 0 }]);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    assert.match(metrics, /tributary_records_failed_total\{[^}]*outcome="error"[^}]*\} 1/);
  });

  test('a record the handler drops on purpose (a filter) counts as filtered for the run, neither passed on nor failed', async () => {
    const runId = '7c4e2a9b-1d3f-4b5a-8e6c-2f3a4b5c6d7e';
    const codec = new ConfluentAvroCodec(new SchemaRegistryHttp(registry.url));
    const producer = createStreamProducer({ kafka, codec });
    await producer.connect();
    const skip = (id: string) => ({ key: id, value: { order_id: id }, context: { tenant: 'acme', pipeline: 'orders', runId } });
    await producer.publish(RAW, [skip('skip-1'), skip('skip-2')], { schema: RAW_SCHEMA });
    await producer.disconnect();
    await eventually(async () => (await reportOf(runId)).counts[0].recordsIn === 2, 'both records counted');
    const report = await reportOf(runId);
    assert.deepEqual(report.counts.map((c) => ({ ...c })), [{ stage: 'TRANSFORM', recordsIn: 2, recordsOut: 0, errors: 0, filtered: 2 }]);
  });

  test('a paused pipeline stops its consumer, and a malformed announcement changes nothing', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: INTERNAL_TOPICS.pipelines, messages: [{ key: 'junk', value: 'not json' }] });
    await producer.disconnect();
    await announce(announcement('paused', 1));
    await eventually(() => consumers.groupIds().length === 0, 'the consumer stopped');
    await announce(announcement('active', 2));
    await eventually(() => consumers.groupIds().length === 1, 'the consumer back for version 2');
    assert.equal(service.context.pipelines.find('acme', 'orders')?.version, 2);
  });
});
