import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '@tributary/testing';
import { UsageError } from '../cli-error';
import { writeCredentials } from './credentials-file';
import { DEFAULT_URL, remoteSettings } from './remote-settings';

const home = tempDir('cli-settings');
after(() => home.remove());
const env = (extra: Record<string, string> = {}) => ({ HOME: home.path, ...extra });

writeCredentials(env(), { url: 'http://cp.test:8080', kind: 'access-token', secret: 'stored-token', tenant: 'acme', platformAdmin: false, identity: 'a@acme.test' });

test('with nothing set: the kept login, its URL and its tenant', () => {
  assert.deepEqual(remoteSettings({}, env()), { url: 'http://cp.test:8080', credential: { kind: 'access-token', secret: 'stored-token', source: 'login' }, tenant: 'acme' });
});

test('flags win over the environment, which wins over the kept login', () => {
  const settings = remoteSettings({ tenant: 'flagged' }, env({ TRIBUTARY_API_KEY: 'trb_key', TRIBUTARY_TOKEN: 'token', TRIBUTARY_TENANT: 'envied' }));
  assert.deepEqual(settings.credential, { kind: 'api-key', secret: 'trb_key', source: 'TRIBUTARY_API_KEY' });
  assert.equal(settings.tenant, 'flagged');
  assert.equal(remoteSettings({}, env({ TRIBUTARY_TOKEN: 'token' })).credential?.source, 'TRIBUTARY_TOKEN');
});

test('the kept credential goes only to the URL it came from (trailing slashes aside)', () => {
  assert.equal(remoteSettings({ url: 'http://cp.test:8080/' }, env()).credential?.source, 'login');
  const elsewhere = remoteSettings({ url: 'http://other.test:8080' }, env());
  assert.deepEqual([elsewhere.credential, elsewhere.tenant], [undefined, undefined]);
  const empty = tempDir('cli-empty');
  try {
    assert.equal(remoteSettings({}, { HOME: empty.path }).url, DEFAULT_URL);
  } finally {
    empty.remove();
  }
});

test('a bad URL or tenant is a usage error naming where it came from', () => {
  assert.throws(() => remoteSettings({ url: 'cp.test' }, env()), (err: unknown) => err instanceof UsageError && /--url must be a URL/.test(err.message));
  assert.throws(() => remoteSettings({}, env({ TRIBUTARY_URL: 'ftp://x' })), /TRIBUTARY_URL must be an http:\/\/ or https:\/\/ URL/);
  assert.throws(() => remoteSettings({ tenant: 'Not A Tenant' }, env()), /--tenant must be a tenant id/);
});
