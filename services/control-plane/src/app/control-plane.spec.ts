import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';

describe('the control plane over PostgreSQL', () => {
  let cp: ControlPlaneFixture;
  before(async () => {
    cp = await ControlPlaneFixture.start();
  });
  after(() => cp?.stop());

  test('the bootstrap admin logs in and sees who they are', async () => {
    const token = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const me = await cp.call('GET', '/auth/whoami', { token });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual({ ...me.body, id: undefined }, { kind: 'user', id: undefined, label: PLATFORM_ADMIN.email, tenantId: 'platform', role: 'admin', platformAdmin: true });
  });
});
