import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneFixture } from '../testing/control-plane-fixture';

describe('health, metrics and the API documentation', () => {
  let cp: ControlPlaneFixture;
  before(async () => {
    cp = await ControlPlaneFixture.start();
  });
  after(() => cp?.stop());

  test('live and ready answer 200 while the database is up', async () => {
    assert.deepEqual((await cp.call('GET', '/health/live')).body, { status: 'ok' });
    assert.deepEqual((await cp.call('GET', '/health/ready')).body, { status: 'ok', checks: { database: 'up' } });
  });

  test('metrics count requests by route template and status, in Prometheus text', async () => {
    await cp.call('GET', '/tenants/acme/secrets');
    const metrics = await cp.call('GET', '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(metrics.text, /tributary_http_requests_total\{method="GET",route="\/tenants\/:tenant\/secrets",status="401"\} 1/);
    assert.match(metrics.text, /process_cpu_seconds_total/);
  });

  test('the OpenAPI document describes the routes, their bodies and both credentials; /docs serves the UI', async () => {
    const doc = await cp.call<{ openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>; components: { securitySchemes: Record<string, unknown> } }>('GET', '/docs/openapi.json');
    assert.equal(doc.status, 200);
    assert.match(doc.body.openapi, /^3\./);
    const login = doc.body.paths['/auth/login'].post.requestBody!.content['application/json'].schema;
    assert.deepEqual(login.required, ['email', 'password']);
    assert.ok(doc.body.paths['/tenants/{tenant}/secrets/{name}'].put);
    assert.deepEqual(Object.keys(doc.body.components.securitySchemes).sort(), ['api-key', 'bearer']);
    const ui = await cp.call('GET', '/docs');
    assert.equal(ui.status, 200);
    assert.match(ui.text, /swagger-ui/i);
  });

  test('ready answers 503 when the database is gone, while live still answers', async () => {
    await cp.controlPlane.database.close();
    const ready = await cp.call<{ error: string }>('GET', '/health/ready');
    assert.deepEqual([ready.status, ready.body.error], [503, 'unavailable']);
    assert.equal((await cp.call('GET', '/health/live')).status, 200);
  });
});
