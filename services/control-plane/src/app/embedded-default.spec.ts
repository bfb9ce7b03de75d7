import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedPostgres } from '@tributary/persistence';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';

// The default on a bare machine: no DATABASE_URL, no keys. PGlite in the data folder, keys
// generated there, and the same migrations and code path as PostgreSQL.
describe('the embedded default (PGlite in the data folder)', () => {
  let cp: ControlPlaneFixture;
  before(async () => {
    cp = await ControlPlaneFixture.start({ TRIBUTARY_MASTER_KEYS: undefined, TRIBUTARY_JWT_SECRET: undefined }, { embedded: true });
  });
  after(() => cp?.stop());

  test('boots, migrates, logs in, stores a secret, refuses a second owner of the folder, and keeps it all across a restart', async () => {
    assert.equal(cp.controlPlane.database.mode, 'embedded');
    assert.ok(existsSync(join(cp.data.path, 'postgres')));
    assert.ok(existsSync(join(cp.data.path, 'control-plane', 'keys.json')));
    assert.equal((await cp.call('GET', '/health/ready')).status, 200);
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const admin = await cp.createTenant(root, 'acme');
    assert.equal((await cp.call('PUT', '/tenants/acme/secrets/erp', { token: admin, body: { value: 'embedded value' } })).status, 200);
    // PGlite has no postmaster to refuse a second writer; the folder lock does.
    await assert.rejects(EmbeddedPostgres.start(join(cp.data.path, 'postgres')), /already open in this process/);

    await cp.restart();
    const again = await cp.login('admin@acme.test', 'acme admin password');
    const secrets = await cp.call<{ items: { name: string }[] }>('GET', '/tenants/acme/secrets', { token: again });
    assert.deepEqual(secrets.body.items.map((s) => s.name), ['erp']);
    const audit = await cp.call<{ items: unknown[] }>('GET', '/tenants/acme/audit', { token: again });
    assert.equal(audit.body.items.length, 3);
  });
});
