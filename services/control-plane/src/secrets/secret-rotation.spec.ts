import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMasterKey } from '@tributary/security';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { SecretStore, type RotationReport, type SecretView } from './secret-store';

const K1 = `k1:${generateMasterKey()}`;
const K2 = `k2:${generateMasterKey()}`;
const K3 = `k3:${generateMasterKey()}`;

describe('key rotation: a new master key first, then every value resealed under it', () => {
  let cp: ControlPlaneFixture;
  const values = { acme: { erp: 'acme erp password', api: 'acme api token' }, globex: { erp: 'globex erp password' } };

  const token = () => cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  const keyIds = async (tenant: string) =>
    (await cp.call<{ items: SecretView[] }>('GET', `/tenants/${tenant}/secrets`, { token: await token() })).body.items.map((s) => s.keyId);
  const rotate = async () => cp.call<RotationReport>('POST', '/platform/secrets/rotate', { token: await token() });
  const open = (tenant: string, name: string) => cp.controlPlane.app.get(SecretStore, { strict: false }).open(tenant, name);

  before(async () => {
    cp = await ControlPlaneFixture.start({ TRIBUTARY_MASTER_KEYS: K1 });
    const root = await token();
    for (const [tenant, secrets] of Object.entries(values)) {
      await cp.createTenant(root, tenant);
      for (const [name, value] of Object.entries(secrets)) {
        assert.equal((await cp.call('PUT', `/tenants/${tenant}/secrets/${name}`, { token: root, body: { value } })).status, 200);
      }
    }
  });
  after(() => cp?.stop());

  test('values written before the rotation stay under the old key until resealed', async () => {
    await cp.restart({ TRIBUTARY_MASTER_KEYS: `${K2},${K1}` });
    assert.deepEqual(await keyIds('acme'), ['k1', 'k1']);
    assert.equal(await open('acme', 'erp'), values.acme.erp, 'the old key still opens them');
  });

  test('rotate-all reseals every old value under the current key and records it per tenant', async () => {
    const report = await rotate();
    assert.equal(report.status, 200);
    assert.deepEqual(report.body, { currentKeyId: 'k2', rotated: 3, failed: [] });
    assert.deepEqual([...(await keyIds('acme')), ...(await keyIds('globex'))], ['k2', 'k2', 'k2']);
    const audit = await cp.call<{ items: { tenant: string; after: { names: string[] } }[] }>('GET', '/platform/audit?action=secret.rotate', { token: await token() });
    assert.deepEqual(audit.body.items.map((e) => [e.tenant, e.after.names]).sort(), [['acme', ['api', 'erp']], ['globex', ['erp']]]);
    assert.deepEqual((await rotate()).body, { currentKeyId: 'k2', rotated: 0, failed: [] });
  });

  test('once resealed, the old key can be dropped and every value still opens', async () => {
    await cp.restart({ TRIBUTARY_MASTER_KEYS: K2 });
    for (const [tenant, secrets] of Object.entries(values)) {
      for (const [name, value] of Object.entries(secrets)) assert.equal(await open(tenant, name), value);
    }
  });

  test('a value whose key was dropped too early is reported, not lost and not fatal', async () => {
    await cp.restart({ TRIBUTARY_MASTER_KEYS: K3 });
    const report = await rotate();
    assert.equal(report.status, 200);
    assert.equal(report.body.rotated, 0);
    assert.deepEqual(report.body.failed.map((f) => `${f.tenant}/${f.name}`), ['acme/api', 'acme/erp', 'globex/erp']);
    assert.match(report.body.failed[0].reason, /key id "k2" is not in TRIBUTARY_MASTER_KEYS/);
    await cp.restart({ TRIBUTARY_MASTER_KEYS: `${K3},${K2}` });
    assert.deepEqual((await rotate()).body, { currentKeyId: 'k3', rotated: 3, failed: [] });
  });
});
