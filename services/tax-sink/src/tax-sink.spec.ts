import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfluentAvroCodec, platformSchemasByName, readPlatformSchema, SchemaRegistryHttp, type TaxResult } from '@tributary/avro';
import { compile, INTERNAL_TOPICS, validatePipeline, type PipelineAnnouncement } from '@tributary/pipeline-spec';
import { startService, type RunningService } from '@tributary/service-runtime';
import { createStreamProducer, ensurePipelineTopics, ensureTopics, internalTopicSpecs } from '@tributary/stream';
import { taxOrderFixture } from '@tributary/tax-api';
import type { RunningSandbox } from '@tributary/tax-api-sandbox';
import { BrokerProcess, RegistryProcess, repoRoot } from '@tributary/testing';
import { Kafka, logLevel } from 'kafkajs';
import { TAX_SINK_SERVICE } from './main';
import { eventually, quietLog, startQuietSandbox, TopicTail } from './testing/sink-harness';

const SPEC = {
  apiVersion: 'tributary/v1',
  kind: 'Pipeline',
  metadata: { tenant: 'acme', name: 'taxed' },
  source: { connector: 'postgres', connection: { secret: 'acme-erp' }, table: 'orders', mode: 'full', key: 'orderId' },
  transform: [{ mapToSchema: { schema: 'TaxOrder' } }],
  sinks: [{ taxApi: { timeoutMs: 1000, concurrency: 8, retry: { max: 3, backoffMs: 100 }, circuit: { errorPercent: 50, resetMs: 500 } } }],
  settings: { partitions: 2 },
};
const PREFIX = 'tributary.acme.taxed';

/** The value of the Prometheus sample `name` whose labels include `labels` (in any order); undefined if none. */
function metricValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('the tax-sink service on the runtime', () => {
  let broker: BrokerProcess;
  let registry: RegistryProcess;
  let sandbox: RunningSandbox;
  let service: RunningService;
  let kafka: Kafka;

  before(async () => {
    broker = await BrokerProcess.start();
    registry = await RegistryProcess.start(broker.address);
    sandbox = await startQuietSandbox();
    kafka = new Kafka({ brokers: [broker.address], logLevel: logLevel.NOTHING });
    const validated = validatePipeline(SPEC);
    if (!validated.ok) throw new Error(JSON.stringify(validated.faults));
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, internalTopicSpecs());
    await ensurePipelineTopics(admin, compile(validated.spec, { context: { schemas: platformSchemasByName() } }));
    await admin.disconnect();
    const announcement: PipelineAnnouncement = { tenant: 'acme', pipeline: 'taxed', version: 1, action: 'applied', status: 'active', prefix: PREFIX, at: new Date().toISOString(), spec: validated.spec };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: INTERNAL_TOPICS.pipelines, messages: [{ key: PREFIX, value: JSON.stringify(announcement) }] });
    await producer.disconnect();
    service = await startService(TAX_SINK_SERVICE, { KAFKA_BROKERS: broker.address, SCHEMA_REGISTRY_URL: registry.url, PORT: '0', LOG_LEVEL: 'error', TAX_API_URL: sandbox.url }, quietLog);
  });

  after(async () => {
    await service?.close();
    await sandbox?.close();
    await registry?.stop();
    await broker?.dispose();
  });

  it('taxes the orders of an announced pipeline into its results topic and reports it in /metrics', async () => {
    const codec = new ConfluentAvroCodec(new SchemaRegistryHttp(registry.url));
    const results = await TopicTail.start<TaxResult>(kafka, codec, `${PREFIX}.results`);
    const producer = createStreamProducer({ kafka, codec });
    await producer.connect();
    const orders = Array.from({ length: 10 }, (_, i) => taxOrderFixture({ orderId: `SVC-${i}`, pipeline: 'taxed' }));
    await producer.publish(`${PREFIX}.valid`, orders.map((o) => ({ key: o.orderId, value: o, context: { tenant: 'acme', pipeline: 'taxed' } })), { schema: readPlatformSchema('tax-order') });
    await producer.disconnect();
    await eventually(() => results.keys().size >= 10, '10 results');
    await results.stop();
    assert.equal(results.records[0].value.totalTax, '3.3234');

    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    const endpoint = sandbox.url;
    assert.equal(metricValue(metrics, 'tributary_tax_api_circuit_state', { endpoint, tenant: 'acme', pipeline: 'taxed' }), 0);
    assert.equal(metricValue(metrics, 'tributary_tax_api_latency_seconds_count', { endpoint, outcome: 'ok' }), 10);
    assert.equal(metricValue(metrics, 'tributary_records_out_total', { tenant: 'acme', pipeline: 'taxed', topic: `${PREFIX}.results` }), 10);
    assert.equal(sandbox.sandbox.statistics().taxedTwice, 0);
  });
});

describe('the tax-sink process', () => {
  it('exits 1 naming the variable when TAX_API_URL is not an http(s) URL', () => {
    const result = spawnSync(process.execPath, ['--require', '@swc-node/register', join(__dirname, 'main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json'), TAX_API_URL: 'ftp://taxman.example.com' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /tax-sink: bad configuration\nTAX_API_URL: must be an http\(s\) URL/);
  });
});
