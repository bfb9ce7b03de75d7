import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stageTopic, type PipelineSpec } from '@tributary/pipeline-spec';
import { startService, type RunningService } from '@tributary/service-runtime';
import { VALIDATOR_SERVICE } from './main';
import { StageFixture, until } from '@tributary/service-runtime/testing';

const MAPPED = { type: 'record', name: 'order', fields: [{ name: 'id', type: 'string' }, { name: 'amount', type: ['null', 'double'], default: null }] };

describe('the validator service on the runtime', () => {
  let fx: StageFixture;
  let service: RunningService;
  let spec: PipelineSpec;

  const announce = (version: number, validate: PipelineSpec['validate']) => fx.announce({ ...spec, validate }, version);
  const mapped = (id: string, amount: number) => fx.producer.publish(stageTopic(spec.metadata.tenant, spec.metadata.name, 'mapped'), [{ key: id, value: { id, amount } }], { schema: MAPPED });
  const topic = (stage: 'valid' | 'errors') => fx.readAll<Record<string, unknown>>(stageTopic(spec.metadata.tenant, spec.metadata.name, stage));

  before(async () => {
    fx = await StageFixture.start();
    spec = await fx.pipeline({ source: { connector: 'file', path: 'drops', key: 'id' }, sinks: [{ topic: { name: 'downstream' } }] });
    await announce(1, [{ range: { field: 'amount', min: 0 } }]);
    service = await startService(VALIDATOR_SERVICE, { KAFKA_BROKERS: fx.broker.address, SCHEMA_REGISTRY_URL: fx.registry.url, PORT: '0', LOG_LEVEL: 'fatal' });
  });
  after(async () => {
    await service?.close();
    await fx?.dispose();
  });

  test("checks a pipeline it learns from _tributary.pipelines, and takes a new version's rules without a restart", async () => {
    await mapped('M-1', 10);
    await mapped('M-2', -1);
    await until('both records to be checked', async () => (await topic('valid')).length === 1 && (await topic('errors')).length === 1);
    assert.deepEqual({ ...(await topic('valid'))[0].value }, { id: 'M-1', amount: 10 });

    await announce(2, [{ range: { field: 'amount', min: 0, max: 100 } }]);
    // A record written after the new version may still meet the old handler until the directory
    // has the version: keep writing until one is refused by the new rule.
    await until('a record refused by version 2', async () => {
      await mapped(`M-${Date.now()}`, 500);
      return (await topic('errors')).length > 1;
    });
    assert.equal((await fetch(`${service.url}/health/ready`)).status, 200);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    assert.match(metrics, /tributary_records_out_total\{[^}]*topic="[^"]+\.valid"[^}]*\} [1-9]/);
  });
});
