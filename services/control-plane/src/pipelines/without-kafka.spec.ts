import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '@tributary/testing';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { pipelineYaml } from './testing/pipeline-documents';

// Kafka is needed to apply, run and replay; without it (not configured, or down) those answer
// 503 saying so, nothing is half done, and everything else keeps working.

async function withControlPlane(env: Record<string, string>, check: (cp: ControlPlaneFixture, admin: string) => Promise<void>): Promise<void> {
  const cp = await ControlPlaneFixture.start(env);
  try {
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    await check(cp, await cp.createTenant(root, 'acme'));
  } finally {
    await cp.stop();
  }
}

describe('a control plane without a reachable Kafka', () => {
  test('not configured: apply and run answer 503 naming KAFKA_BROKERS; a bad document is still a 400', async () => {
    await withControlPlane({}, async (cp, admin) => {
      const apply = await cp.call<{ message: string }>('POST', '/tenants/acme/pipelines', { token: admin, body: { document: pipelineYaml('acme', 'erp-orders') } });
      assert.deepEqual([apply.status, apply.body.message], [503, 'this control plane has no Kafka: set KAFKA_BROKERS (and SCHEMA_REGISTRY_URL)']);
      assert.equal((await cp.call('POST', '/tenants/acme/pipelines', { token: admin, body: { document: 'kind: Pipeline' } })).status, 400);
      assert.deepEqual((await cp.call('GET', '/tenants/acme/pipelines', { token: admin })).body, { items: [] });
      assert.equal((await cp.call('POST', '/tenants/acme/pipelines/erp-orders/runs', { token: admin, body: {} })).status, 503);
      assert.equal((await cp.call('GET', '/tenants/acme/runs', { token: admin })).status, 200);
    });
  });

  test('configured but down: a 503 to try again, and nothing recorded', async () => {
    const nobody = `127.0.0.1:${await freePort()}`;
    await withControlPlane({ KAFKA_BROKERS: nobody, SCHEMA_REGISTRY_URL: `http://${nobody}` }, async (cp, admin) => {
      const apply = await cp.call<{ message: string }>('POST', '/tenants/acme/pipelines', { token: admin, body: { document: pipelineYaml('acme', 'erp-orders') } });
      assert.deepEqual([apply.status, apply.body.message], [503, 'Kafka cannot be reached now; try again later']);
      assert.deepEqual((await cp.call('GET', '/tenants/acme/pipelines?status=all', { token: admin })).body, { items: [] });
      assert.equal((await cp.call('GET', '/health/live')).status, 200);
    });
  });
});
