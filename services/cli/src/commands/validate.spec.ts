import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@tributary/testing';
import { runCli } from '../testing/captured-terminal';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'taxman-erp', 'pipeline.yaml');

const BROKEN = `apiVersion: tributary/v1
kind: Pipeline
metadata: { tenant: acme, name: Bad_Name }
source:
  connector: postgres
  table: orders
  mode: incremental
tranform: []
sinks:
  - taxApi: { timeoutMs: -1 }
`;

describe('tributary validate: the pipeline document checked offline', () => {
  const files = tempDir('cli-validate');
  after(() => files.remove());

  test('the example pipeline is valid: exit 0, its tenant, name and topics', async () => {
    const outcome = await runCli(['validate', '-f', EXAMPLE]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /valid pipeline acme\/erp-orders/);
    assert.match(outcome.stdout, /tributary\.acme\.erp-orders\.raw/);
  });

  test('every fault is printed as FILE:LINE:COLUMN with its JSON pointer, in document order; exit 1', async () => {
    const file = join(files.path, 'broken.yaml');
    writeFileSync(file, BROKEN);
    const outcome = await runCli(['validate', '-f', file]);
    assert.equal(outcome.code, 1);
    const lines = outcome.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split(': ')[0]),
      [`${file}:3:33`, `${file}:5:3`, `${file}:8:1`, `${file}:10:26`],
    );
    assert.match(lines[0], /at \/metadata\/name$/);
    assert.match(lines[2], /unknown key 'tranform' at \/; did you mean 'transform'\?/);
    assert.match(outcome.stderr, /4 faults/);
  });

  test('--json gives scripts the faults with path, line and column', async () => {
    const file = join(files.path, 'broken.yaml');
    writeFileSync(file, BROKEN);
    const outcome = await runCli(['validate', '--json', '-f', file]);
    assert.equal(outcome.code, 1);
    const answer = JSON.parse(outcome.stdout) as { valid: boolean; faults: { path: string; line: number; column: number; message: string }[] };
    assert.equal(answer.valid, false);
    assert.deepEqual(answer.faults[0], { path: '/metadata/name', line: 3, column: 33, message: answer.faults[0].message });
  });

  test('the document can come from stdin', async () => {
    const outcome = await runCli(['validate', '-f', '-'], { stdin: BROKEN.replace('Bad_Name', 'good-name') });
    assert.equal(outcome.code, 1);
    assert.match(outcome.stdout, /^<stdin>:5:3: /m);
    assert.doesNotMatch(outcome.stdout, /metadata\/name/);
  });

  test('a YAML syntax error is located too', async () => {
    const outcome = await runCli(['validate', '-f', '-'], { stdin: 'apiVersion: tributary/v1\nkind: [unclosed\n' });
    assert.equal(outcome.code, 1);
    assert.match(outcome.stdout, /^<stdin>:\d+:\d+: YAML: /m);
  });

  test('no file, a missing file, or a stray argument are usage errors: exit 2', async () => {
    assert.equal((await runCli(['validate'])).code, 2);
    const missing = await runCli(['validate', '-f', join(files.path, 'nope.yaml')]);
    assert.deepEqual([missing.code, /no such file/.test(missing.stderr)], [2, true]);
    assert.equal((await runCli(['validate', '-f', EXAMPLE, 'extra'])).code, 2);
    assert.equal((await runCli(['validate', '--nope'])).code, 2);
  });
});
