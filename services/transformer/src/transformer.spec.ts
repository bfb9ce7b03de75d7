import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stageTopic, type PipelineSpec } from '@tributary/pipeline-spec';
import { startService, type RunningService } from '@tributary/service-runtime';
import { TRANSFORMER_SERVICE } from './main';
import { StageFixture, until } from '@tributary/service-runtime/testing';

const RAW = { type: 'record', name: 'raw_order', fields: [{ name: 'id', type: 'string' }, { name: 'amount', type: ['null', 'string'], default: null }] };

describe('the transformer service on the runtime', () => {
  let fx: StageFixture;
  let service: RunningService;
  let spec: PipelineSpec;

  const announce = (version: number, transform: PipelineSpec['transform']) => fx.announce({ ...spec, transform }, version);
  const raw = (id: string, amount: string) => fx.producer.publish(stageTopic(spec.metadata.tenant, spec.metadata.name, 'raw'), [{ key: id, value: { id, amount } }], { schema: RAW });
  const mapped = () => fx.readAll<Record<string, unknown>>(stageTopic(spec.metadata.tenant, spec.metadata.name, 'mapped'));

  before(async () => {
    fx = await StageFixture.start();
    spec = await fx.pipeline({ source: { connector: 'file', path: 'drops', key: 'id' }, sinks: [{ topic: { name: 'downstream' } }] });
    await announce(1, [{ rename: { id: 'orderId' } }]);
    service = await startService(TRANSFORMER_SERVICE, { KAFKA_BROKERS: fx.broker.address, SCHEMA_REGISTRY_URL: fx.registry.url, PORT: '0', LOG_LEVEL: 'fatal' });
  });
  after(async () => {
    await service?.close();
    await fx?.dispose();
  });

  test('maps a pipeline it learns from _tributary.pipelines, and takes a new version\'s steps without a restart', async () => {
    await raw('R-1', '10');
    await until('the first record to be mapped', async () => (await mapped()).length === 1);
    assert.deepEqual({ ...(await mapped())[0].value }, { orderId: 'R-1', amount: '10' });

    // A compatible change of the mapped records (a field added): the registry takes the new schema.
    await announce(2, [{ rename: { id: 'orderId' } }, { set: { origin: "'erp'" } }]);
    // A record written after the new version may still meet the old handler until the directory
    // has the version: keep writing until one comes out mapped by the new steps.
    await until('a record mapped by version 2', async () => {
      await raw(`R-${Date.now()}`, '2.5');
      return (await mapped()).some((r) => r.value.origin === 'erp');
    }).catch(async (error) => {
      const errors = await fx.readAll<{ reasons: unknown }>(stageTopic(spec.metadata.tenant, spec.metadata.name, 'errors'));
      throw new Error(`${error.message}; mapped ${JSON.stringify((await mapped()).slice(0, 3).map((r) => r.value))}; errors ${JSON.stringify(errors.slice(0, 2).map((e) => e.value.reasons))}`);
    });
    const health = await fetch(`${service.url}/health/ready`);
    assert.equal(health.status, 200);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    assert.match(metrics, /tributary_records_out_total\{[^}]*topic="[^"]+\.mapped"[^}]*\} [1-9]/);
  });
});
