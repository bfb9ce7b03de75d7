import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@tributary/testing';
import { CliFixture, ROOT } from '../testing/cli-fixture';

const SECRET = 'erp-password-Zq7!unique';

describe('tributary login, tenants and secrets against a real control plane', () => {
  let cp: CliFixture;
  const credentialsFile = () => join(cp.home.path, '.config', 'tributary', 'credentials.json');

  before(async () => {
    cp = await CliFixture.start();
  });
  after(() => cp?.stop());

  test('login takes the password from stdin and keeps the token in a file only its owner reads', async () => {
    const outcome = await cp.cli(['login', '--email', ROOT.email], { stdin: `${ROOT.password}\n` });
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, new RegExp(`Logged in to ${cp.url} as ${ROOT.email} \\(tenant platform\\)`));
    assert.equal(statSync(credentialsFile()).mode & 0o777, 0o600);
    assert.equal(statSync(join(cp.home.path, '.config', 'tributary')).mode & 0o777, 0o700);
    const stored = JSON.parse(readFileSync(credentialsFile(), 'utf8'));
    assert.deepEqual([stored.url, stored.kind, stored.tenant], [cp.url, 'access-token', 'platform']);
    assert.ok(!outcome.stdout.includes(ROOT.password) && !outcome.stderr.includes(ROOT.password));
    const status = await cp.cli(['login', '--status']);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /root@platform\.test \(admin, platform admin\) in tenant platform/);
  });

  test('a wrong password is exit code 3 with the control plane\'s reason', async () => {
    const outcome = await cp.cli(['login', '--email', ROOT.email, '--json'], { stdin: 'not the password', env: { XDG_CONFIG_HOME: join(cp.home.path, 'elsewhere') } });
    assert.deepEqual([outcome.code, outcome.stderr.trim()], [3, 'tributary login: wrong email or password']);
  });

  test('tenants create asks the first admin\'s password on stdin; tenants lists them', async () => {
    const created = await cp.cli(['tenants', 'create', 'acme', '--name', 'Acme Corp', '--admin-email', 'admin@acme.test'], { stdin: 'acme admin password' });
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout.trim(), 'Created tenant acme (Acme Corp) with admin admin@acme.test.');
    const again = await cp.cli(['tenants', 'create', 'acme', '--admin-email', 'other@acme.test'], { stdin: 'acme admin password' });
    assert.deepEqual([again.code, again.stderr.trim()], [1, "tributary tenants: tenant 'acme' already exists"]);
    const listed = await cp.cli(['tenants']);
    assert.match(listed.stdout, /^ID +NAME +CREATED$/m);
    assert.match(listed.stdout, /^acme +Acme Corp +\d{4}-/m);
    const json = JSON.parse((await cp.cli(['tenants', 'list', '--json'])).stdout) as { id: string }[];
    assert.deepEqual(json.map((t) => t.id).sort(), ['acme', 'platform']);
  });

  test('a platform admin must name the tenant for tenant commands (usage, exit 2)', async () => {
    const outcome = await cp.cli(['secrets']);
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /name one with --tenant ID or TRIBUTARY_TENANT/);
  });

  test('secrets set reads the value from stdin and never prints, answers or logs it', async () => {
    const set = await cp.cli(['secrets', 'set', 'acme-erp', '--tenant', 'acme'], { stdin: `${SECRET}\n` });
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^Created secret acme-erp in tenant acme \(sealed under key k1\)\.$/m);
    const json = await cp.cli(['secrets', 'set', 'acme-erp', '--tenant', 'acme', '--json'], { stdin: SECRET });
    assert.equal(JSON.parse(json.stdout).created, false);
    const listed = await cp.cli(['secrets', 'list', '--tenant', 'acme']);
    assert.match(listed.stdout, /^acme-erp +k1 +root@platform\.test/m);
    for (const text of [set.stdout, set.stderr, json.stdout, listed.stdout, ...cp.logLines]) assert.ok(!text.includes(SECRET), text);
  });

  test('secrets set --from-file stores a JSON object as fields; a bad name names the parameter (exit 1)', async () => {
    const file = join(cp.home.path, 'erp.json');
    writeFileSync(file, JSON.stringify({ host: 'erp.acme.test', user: 'etl', password: SECRET }) + '\n');
    const set = await cp.cli(['secrets', 'set', 'erp-fields', '--tenant', 'acme', '--from-file', file]);
    assert.equal(set.code, 0, set.stderr);
    const bad = await cp.cli(['secrets', 'set', 'Not A Name', '--tenant', 'acme'], { stdin: SECRET });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /the request path is invalid\n {2}params\.name: must be 1 to 128 lowercase/);
    const missing = await cp.cli(['secrets', 'set', 'x', '--tenant', 'acme', '--from-file', join(cp.home.path, 'nope')]);
    assert.deepEqual([missing.code, /--from-file .*: no such file/.test(missing.stderr)], [2, true]);
    for (const text of [set.stdout, bad.stderr, ...cp.logLines]) assert.ok(!text.includes(SECRET));
  });

  test('a tenant admin acts in their own tenant without --tenant; another tenant is exit 3', async () => {
    const home = { XDG_CONFIG_HOME: join(cp.home.path, 'acme-admin') };
    assert.equal((await cp.cli(['login', '--email', 'admin@acme.test'], { stdin: 'acme admin password', env: home })).code, 0);
    const listed = await cp.cli(['secrets', '--json'], { env: home });
    assert.deepEqual((JSON.parse(listed.stdout) as { name: string }[]).map((s) => s.name), ['acme-erp', 'erp-fields']);
    const foreign = await cp.cli(['secrets', '--tenant', 'platform'], { env: home });
    assert.deepEqual([foreign.code, foreign.stderr.trim()], [3, "tributary secrets: you may not act in tenant 'platform'"]);
  });

  test('TRIBUTARY_API_KEY and TRIBUTARY_TOKEN take precedence over the kept login', async () => {
    const token = JSON.parse(readFileSync(credentialsFile(), 'utf8')).secret as string;
    const key = await fetch(`${cp.url}/tenants/acme/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'reader', role: 'customer' }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const asKey = await cp.cli(['login', '--status', '--json'], { env: { TRIBUTARY_API_KEY: key.token } });
    assert.deepEqual([JSON.parse(asKey.stdout).label, JSON.parse(asKey.stdout).source], ['reader', 'TRIBUTARY_API_KEY']);
    const refused = await cp.cli(['secrets'], { env: { TRIBUTARY_API_KEY: key.token } });
    assert.deepEqual([refused.code, refused.stderr.trim()], [3, "tributary secrets: role 'customer' may not secret.list"]);
    const garbage = await cp.cli(['tenants'], { env: { TRIBUTARY_TOKEN: 'not-a-token' } });
    assert.equal(garbage.code, 3);
    assert.match(garbage.stderr, /refused the credential .*check TRIBUTARY_TOKEN/);
  });

  test('the kept credential is never sent to another URL', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const other = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"statusCode":401,"error":"unauthenticated","message":"who are you"}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const outcome = await cp.cli(['tenants', '--url', `http://127.0.0.1:${(other.address() as AddressInfo).port}`]);
      assert.equal(outcome.code, 3);
      assert.match(outcome.stderr, /not logged in/);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].authorization, undefined);
      assert.equal(seen[0]['x-api-key'], undefined);
    } finally {
      other.close();
    }
  });

  test('an unreachable control plane is exit 1 naming the URL', async () => {
    const port = await freePort();
    const outcome = await cp.cli(['tenants', '--url', `http://127.0.0.1:${port}`]);
    assert.equal(outcome.code, 1);
    assert.ok(outcome.stderr.includes(`cannot reach the control plane at http://127.0.0.1:${port} (ECONNREFUSED)`), outcome.stderr);
  });

  test("an access token that ran out is renewed from the login's session and kept for the next command", async () => {
    const login = await cp.cli(['login', '--email', ROOT.email], { stdin: `${ROOT.password}\n` });
    assert.match(login.stdout, /the session lasts until \d{4}-/);
    const stored = JSON.parse(readFileSync(credentialsFile(), 'utf8'));
    assert.match(stored.refreshToken, /^trs_/);
    // Refused by the control plane (as an expired one is), though the file says it still works.
    writeFileSync(credentialsFile(), JSON.stringify({ ...stored, secret: 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJl' }));
    const refused = await cp.cli(['tenants']);
    assert.equal(refused.code, 0, refused.stderr);
    const renewed = JSON.parse(readFileSync(credentialsFile(), 'utf8'));
    assert.match(renewed.secret, /^eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\./, 'a token the control plane issued is kept');
    assert.equal(renewed.refreshToken, stored.refreshToken);
    // Past its expiry by the file: renewed before it is sent.
    writeFileSync(credentialsFile(), JSON.stringify({ ...renewed, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    assert.equal((await cp.cli(['tenants'])).code, 0);
    const again = JSON.parse(readFileSync(credentialsFile(), 'utf8'));
    assert.ok(Date.parse(again.expiresAt) > Date.now(), again.expiresAt);
  });

  test('a session ended elsewhere is exit 3 asking for a new login', async () => {
    const stored = JSON.parse(readFileSync(credentialsFile(), 'utf8'));
    await fetch(`${cp.url}/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: stored.refreshToken }) });
    writeFileSync(credentialsFile(), JSON.stringify({ ...stored, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    const outcome = await cp.cli(['tenants']);
    assert.deepEqual([outcome.code, outcome.stderr.trim()], [3, "tributary tenants: the login session has ended (the session has ended or expired; log in again); run 'tributary login' again"]);
    assert.equal((await cp.cli(['login', '--email', ROOT.email], { stdin: `${ROOT.password}\n` })).code, 0);
  });

  test('logout ends the session and forgets the credential; the next command is exit 3', async () => {
    const { refreshToken } = JSON.parse(readFileSync(credentialsFile(), 'utf8'));
    assert.equal((await cp.cli(['logout'])).code, 0);
    const outcome = await cp.cli(['tenants']);
    assert.deepEqual([outcome.code, outcome.stderr.trim()], [3, "tributary tenants: not logged in: run 'tributary login', or set TRIBUTARY_API_KEY or TRIBUTARY_TOKEN"]);
    const refresh = await fetch(`${cp.url}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) });
    assert.equal(refresh.status, 401, 'the session trades for nothing more');
  });
});
