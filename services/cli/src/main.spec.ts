import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@tributary/testing';

const root = join(__dirname, '..', '..', '..');

/** The real command, as a process: exit codes and streams as a shell script sees them. */
function tributary(args: string[], env: Record<string, string> = {}, input?: string) {
  const outcome = spawnSync(process.execPath, ['--require', '@swc-node/register', join(__dirname, 'main.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-home', SWC_NODE_PROJECT: join(root, 'tsconfig.json'), ...env },
  });
  return { code: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr };
}

test('--help lists every command and the exit codes; exit 0', () => {
  const outcome = tributary(['--help']);
  assert.equal(outcome.code, 0);
  for (const name of ['login', 'tenants', 'secrets', 'connections', 'apply', 'validate', 'pipelines', 'run', 'runs', 'errors', 'results', 'tail', 'replay', 'broker', 'registry']) {
    assert.match(outcome.stdout, new RegExp(`^  ${name} `, 'm'));
  }
  assert.match(outcome.stdout, /Exit codes: 0 ok, 1 failed .* 2 wrong usage, 3 not logged in or not allowed/);
});

test('no command, an unknown command or an unknown flag: exit 2', () => {
  assert.equal(tributary([]).code, 2);
  assert.equal(tributary(['frobnicate']).code, 2);
  const flag = tributary(['pipelines', '--colour']);
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /Unknown option '--colour'/);
  const database = tributary(['start', '--database-url', 'mysql://root:hunter2@127.0.0.1/tributary']);
  assert.equal(database.code, 2);
  assert.match(database.stderr, /--database-url must be postgres:\/\/.*got 'mysql:\/\/root:\[REDACTED\]@127\.0\.0\.1\/tributary'/);
});

test('an invalid document: exit 1; no credential: exit 3; an unreachable control plane: exit 1', async () => {
  assert.equal(tributary(['validate', '-f', '-'], {}, 'kind: Pipeline\n').code, 1);
  const url = `http://127.0.0.1:${await freePort()}`;
  assert.equal(tributary(['login', '--status'], { TRIBUTARY_URL: url }).code, 3);
  assert.equal(tributary(['pipelines'], { TRIBUTARY_URL: url, TRIBUTARY_TOKEN: 't', TRIBUTARY_TENANT: 'acme' }).code, 1);
});
