import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliFixture } from '../testing/cli-fixture';
import { scratchMariadb } from '../testing/local-databases';

describe('tributary connections against a real control plane and the local MariaDB', () => {
  let cp: CliFixture;
  let erp: Awaited<ReturnType<typeof scratchMariadb>>;
  const acme = { TRIBUTARY_TENANT: 'acme' };

  before(async () => {
    erp = await scratchMariadb();
    cp = await CliFixture.start();
    await cp.loginAsRoot();
    await cp.cli(['tenants', 'create', 'acme', '--admin-email', 'admin@acme.test'], { stdin: 'acme admin password' });
    const file = join(cp.home.path, 'erp.json');
    writeFileSync(file, JSON.stringify(erp.secret));
    assert.equal((await cp.cli(['secrets', 'set', 'erp', '--from-file', file], { env: acme })).code, 0);
    writeFileSync(file, JSON.stringify({ ...erp.secret, password: 'not-the-password' }));
    assert.equal((await cp.cli(['secrets', 'set', 'erp-wrong', '--from-file', file], { env: acme })).code, 0);
  });
  after(async () => {
    await cp?.stop();
    await erp?.drop();
  });

  test('set creates, then replaces; list shows connector, secret and the last check', async () => {
    const created = await cp.cli(['connections', 'set', 'erp', '--connector', 'mysql', '--secret', 'erp', '--config', '{"connectTimeoutMs": 5000}'], { env: acme });
    assert.deepEqual([created.code, created.stdout.trim()], [0, 'Created connection erp in tenant acme (mysql, secret erp).']);
    const replaced = await cp.cli(['connections', 'set', 'erp', '--connector', 'mysql', '--secret', 'erp'], { env: acme });
    assert.match(replaced.stdout, /^Replaced connection erp/);
    assert.equal((await cp.cli(['connections', 'check', 'erp'], { env: acme })).code, 0);
    const listed = await cp.cli(['connections'], { env: acme });
    assert.match(listed.stdout, /^NAME +CONNECTOR +SECRET +LAST CHECK +UPDATED$/m);
    assert.match(listed.stdout, /^erp +mysql +erp +ok \d{4}-\d\d-\d\d /m);
  });

  test('check of a wrong password: exit 1 with the server\'s reason; discover too', async () => {
    await cp.cli(['connections', 'set', 'erp-wrong', '--connector', 'mysql', '--secret', 'erp-wrong'], { env: acme });
    const checked = await cp.cli(['connections', 'check', 'erp-wrong'], { env: acme });
    assert.equal(checked.code, 1);
    assert.match(checked.stdout, /^Connection erp-wrong: NOT reachable: .*Access denied for user 'root'/);
    const json = await cp.cli(['connections', 'discover', 'erp-wrong', '--json'], { env: acme });
    assert.deepEqual([json.code, JSON.parse(json.stdout).code], [1, 'auth']);
    assert.ok(![checked.stdout, json.stdout].some((text) => text.includes('not-the-password')));
  });

  test('discover lists the streams; delete removes the connection', async () => {
    const found = await cp.cli(['connections', 'discover', 'erp'], { env: acme });
    assert.equal(found.code, 0, found.stderr);
    assert.match(found.stdout, /^STREAM +FIELDS +PRIMARY KEY +MODES$/m);
    assert.match(found.stdout, /^tributary_cli_\w+\.orders +2 +order_id +full, incremental$/m);
    const deleted = await cp.cli(['connections', 'delete', 'erp-wrong'], { env: acme });
    assert.deepEqual([deleted.code, deleted.stdout.trim()], [0, 'Deleted connection erp-wrong in tenant acme.']);
    const gone = await cp.cli(['connections', 'check', 'erp-wrong'], { env: acme });
    assert.deepEqual([gone.code, gone.stderr.trim()], [1, "tributary connections: no connection 'erp-wrong' in tenant 'acme'"]);
  });

  test('faults: the control plane\'s field paths (exit 1), a wrong command line (exit 2)', async () => {
    const invalid = await cp.cli(['connections', 'set', 'bad', '--connector', 'mysql', '--secret', 'erp', '--config', '{"connectTimeoutMs": "soon"}'], { env: acme });
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /^ {2}body\.config\.connectTimeoutMs: /m);
    for (const args of [['set', 'bad', '--secret', 'erp'], ['set', 'bad', '--connector', 'mysql', '--config', '{oops'], ['set', 'bad', '--connector', 'mysql', '--config', '[]'], ['frobnicate', 'x']]) {
      assert.equal((await cp.cli(['connections', ...args], { env: acme })).code, 2, args.join(' '));
    }
  });
});
