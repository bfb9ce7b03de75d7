import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BrokerProcess, freePort } from '@tributary/testing';
import { call } from './testing/registry-cluster';

const repoRoot = join(__dirname, '..', '..', '..');
const cli = ['--require', '@swc-node/register', join(repoRoot, 'services/cli/src/main.ts'), 'registry'];
const env = { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json') };

describe('tributary registry', () => {
  let broker: BrokerProcess;

  before(async () => {
    broker = await BrokerProcess.start();
  });
  after(() => broker.dispose());

  test('--help lists every flag, with its environment variable', () => {
    const result = spawnSync(process.execPath, [...cli, '--help'], { cwd: repoRoot, env, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    for (const flag of ['--listen', '--kafka', '--topic', '--replication-factor', '--compatibility', '--max-body-bytes',
      '--timeout-ms', '--init-timeout-ms', '--kafka-tls', '--kafka-tls-ca', '--kafka-sasl-username', '--log-level', '--help']) {
      assert.ok(result.stdout.includes(flag), `help does not mention ${flag}`);
    }
    for (const variable of ['SCHEMA_REGISTRY_LISTEN', 'KAFKA_BROKERS', 'SCHEMA_REGISTRY_COMPATIBILITY']) assert.ok(result.stdout.includes(variable));
  });

  test('a bad flag is a usage error (exit 2) naming the flag; a bad variable exits 1 naming the variable', () => {
    const flag = spawnSync(process.execPath, [...cli, '--compatibility', 'SIDEWAYS'], { cwd: repoRoot, env, encoding: 'utf8' });
    assert.equal(flag.status, 2);
    assert.match(flag.stderr, /--compatibility must be one of NONE, BACKWARD/);
    const variable = spawnSync(process.execPath, cli, { cwd: repoRoot, env: { ...env, KAFKA_BROKERS: 'no-port' }, encoding: 'utf8' });
    assert.equal(variable.status, 1);
    assert.match(variable.stderr, /KAFKA_BROKERS must be HOST:PORT/);
  });

  test('serves the REST API over the given Kafka and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [...cli, '--listen', `127.0.0.1:${port}`, '--kafka', broker.address, '--log-level', 'info'], { cwd: repoRoot, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    while (!output.includes('schema registry listening')) {
      const early = await Promise.race([exited.then((code) => `exited ${code}`), new Promise((r) => setTimeout(r, 100, null))]);
      assert.equal(early, null, output);
    }
    const url = `http://127.0.0.1:${port}`;
    assert.deepEqual((await call(url, 'POST', '/subjects/cli-value/versions', { schema: '"string"' })).body, { id: 1 });
    assert.deepEqual((await call(url, 'GET', '/subjects')).body, ['cli-value']);
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output);
  });
});
