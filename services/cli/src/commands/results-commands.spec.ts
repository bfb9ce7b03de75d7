import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { insertSampleResults, sampleTaxResult, upsertResults } from '@tributary/persistence';
import { CliFixture } from '../testing/cli-fixture';

const ROWS = 2500;

describe('tributary results and tail against a real control plane', () => {
  let cp: CliFixture;
  const folder = () => join(cp.home.path, 'downloads');
  const as = { env: { TRIBUTARY_TENANT: 'acme' } };

  before(async () => {
    cp = await CliFixture.start();
    await cp.loginAsRoot();
    await cp.cli(['tenants', 'create', 'acme', '--admin-email', 'admin@acme.test'], { stdin: 'acme admin password' });
    await cp.dataSource.query(
      `INSERT INTO pipelines (tenant_id, name, status, current_version, last_action, announce_pending, created_by) VALUES ('acme', 'orders', 'active', 1, 'applied', false, 'test')`,
    );
    await insertSampleResults(cp.dataSource, 'acme', 'orders', ROWS);
  });
  after(() => cp?.stop());

  test('results lists a page as a table, and says when there are more', async () => {
    const outcome = await cp.cli(['results', 'orders'], as);
    assert.equal(outcome.code, 0, outcome.stderr);
    const lines = outcome.stdout.trim().split('\n');
    assert.match(lines[0], /^ORDER KEY +CALCULATED +TOTAL TAX +CURRENCY +RUN$/);
    assert.equal(lines.length, 21);
    assert.match(lines[1], /^ORD-000001 +2025-01-01 00:01:00Z +1\.2500 +USD +-$/);
    assert.match(outcome.stderr, /more results/);
    const json = await cp.cli(['results', 'orders', '--key-prefix', 'ORD-00010', '--limit', '5', '--json'], as);
    assert.deepEqual((JSON.parse(json.stdout) as { orderKey: string }[]).map((r) => r.orderKey), ['ORD-000100', 'ORD-000101', 'ORD-000102', 'ORD-000103', 'ORD-000104']);
  });

  test('--download writes CSV, NDJSON or Parquet (by extension or --format), whole files only', async () => {
    const csv = await cp.cli(['results', 'orders', '--download', join(folder(), '..', 'all.csv')], as);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stderr, /^Downloaded [\d,]+ bytes of CSV to .*all\.csv\.$/m);
    assert.equal(readFileSync(join(cp.home.path, 'all.csv'), 'utf8').trim().split('\r\n').length, ROWS + 1);
    const ndjson = await cp.cli(['results', 'orders', '--download', join(cp.home.path, 'all.ndjson'), '--since', '2025-01-01T10:00:00Z'], as);
    assert.equal(ndjson.code, 0, ndjson.stderr);
    const lines = readFileSync(join(cp.home.path, 'all.ndjson'), 'utf8').trim().split('\n');
    assert.deepEqual([lines.length, JSON.parse(lines[0]).orderKey], [ROWS - 599, 'ORD-000600']);
    const parquet = await cp.cli(['results', 'orders', '--download', join(cp.home.path, 'export.bin'), '--format', 'parquet'], as);
    assert.equal(parquet.code, 0, parquet.stderr);
    const bytes = readFileSync(join(cp.home.path, 'export.bin'));
    assert.equal(Number(parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)).num_rows), ROWS);
    assert.deepEqual(readdirSync(cp.home.path).filter((f) => f.endsWith('.partial')), []);
  });

  test('--download - writes to stdout', async () => {
    const outcome = await cp.cli(['results', 'orders', '--download', '-', '--key-prefix', 'ORD-00000', '--format', 'ndjson'], as);
    assert.equal(outcome.code, 0);
    assert.equal(outcome.stdout.trim().split('\n').length, 9);
  });

  test('an unknown pipeline or an unwritable file fails with exit 1 and leaves no file', async () => {
    const unknown = await cp.cli(['results', 'never', '--download', join(cp.home.path, 'never.csv')], as);
    assert.deepEqual([unknown.code, unknown.stderr.trim()], [1, "tributary results: no pipeline 'never' in tenant 'acme'"]);
    assert.equal(existsSync(join(cp.home.path, 'never.csv')), false);
    const unwritable = await cp.cli(['results', 'orders', '--download', join(cp.home.path, 'no', 'such', 'folder.csv')], as);
    assert.equal(unwritable.code, 1);
    assert.match(unwritable.stderr, /cannot write .*folder\.csv: ENOENT/);
  });

  test('bad flags are usage errors (exit 2) before anything is asked', async () => {
    for (const args of [['--since', 'yesterday'], ['--format', 'csv'], ['--download', 'x.xlsx', '--format', 'xlsx'], ['--limit', '0'], []]) {
      const outcome = await cp.cli(['results', ...(args.length ? ['orders', ...args] : [])], as);
      assert.equal(outcome.code, 2, `${args.join(' ')}: ${outcome.stderr}`);
    }
  });

  test('tail prints results as they are written, in the order written', async () => {
    const safety = new AbortController();
    const timer = setTimeout(() => safety.abort(), 20_000);
    const following = cp.cli(['tail', 'orders', '--count', '3', '--interval-ms', '50'], { ...as, interrupt: safety.signal });
    // Write only once the tail has taken its starting point (its first poll for changes).
    await waitFor(() => cp.logLines.some((l) => l.includes('order=revision')));
    const write = (key: string, minute: number) =>
      upsertResults(cp.dataSource, 'acme', 'orders', [{ result: sampleTaxResult('acme', 'orders', key, { orderUpdatedAt: `2026-01-01T00:0${minute}:00Z`, totalTax: '9.9900' }) }]);
    await write('NEW-2', 1);
    await write('ORD-000007', 1);
    await write('NEW-1', 2);
    const outcome = await following;
    clearTimeout(timer);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.deepEqual(
      outcome.stdout.trim().split('\n').map((l) => l.split(/ {2}/)[1]),
      ['NEW-2', 'ORD-000007', 'NEW-1'],
    );
  });

  test('tail --from-start --json prints what is stored first, one JSON object per line', async () => {
    const outcome = await cp.cli(['tail', 'orders', '--from-start', '--count', '4', '--json'], as);
    const keys = outcome.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { orderKey: string }).orderKey);
    assert.deepEqual(keys, ['ORD-000001', 'ORD-000002', 'ORD-000003', 'ORD-000004']);
  });

  test('tail runs until Ctrl-C, then exits 0', async () => {
    const interrupt = new AbortController();
    const seen = cp.logLines.length;
    const following = cp.cli(['tail', 'orders', '--interval-ms', '50'], { ...as, interrupt: interrupt.signal });
    await waitFor(() => cp.logLines.slice(seen).filter((l) => l.includes('order=revision')).length >= 2);
    interrupt.abort();
    assert.equal((await following).code, 0);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'condition never became true');
}
