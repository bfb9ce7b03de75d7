import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliFixture } from '../testing/cli-fixture';

const pipeline = (name: string, min = 0) => `apiVersion: tributary/v1
kind: Pipeline
metadata: { tenant: acme, name: ${name} }
source:
  connector: postgres
  connection: { secret: acme-erp }
  table: orders
  mode: incremental
  cursor: updated_at
  key: order_id
transform:
  - rename: { order_id: orderId }
validate:
  - notNull: [orderId, total]
  - range: { field: total, min: ${min} }
sinks:
  - taxApi: { timeoutMs: 2000 }
settings: { partitions: 1 }
`;

describe('tributary apply, pipelines, run, runs, errors and replay against a control plane with Kafka', () => {
  let cp: CliFixture;
  const as = { env: { TRIBUTARY_TENANT: 'acme' } };
  const file = (name: string, text: string) => {
    const path = join(cp.home.path, name);
    writeFileSync(path, text);
    return path;
  };

  before(async () => {
    cp = await CliFixture.start({ kafka: true });
    await cp.loginAsRoot();
    await cp.cli(['tenants', 'create', 'acme', '--admin-email', 'admin@acme.test'], { stdin: 'acme admin password' });
  });
  after(() => cp?.stop());

  test('apply creates the pipeline and its topics; again unchanged; a change is a new version', async () => {
    const path = file('orders.yaml', pipeline('orders'));
    const created = await cp.cli(['apply', '-f', path]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^Pipeline acme\/orders created: version 1, active\.$/m);
    assert.match(created.stdout, /topics created: .*tributary\.acme\.orders\.raw/);
    assert.match((await cp.cli(['apply', '-f', path])).stdout, /^Pipeline acme\/orders unchanged: version 1/m);
    const changed = await cp.cli(['apply', '--json', '-f', file('orders.yaml', pipeline('orders', 5))]);
    assert.deepEqual([JSON.parse(changed.stdout).changed, JSON.parse(changed.stdout).pipeline.version], [true, 2]);
  });

  test('apply checks the document offline first: faults located in the file, nothing sent, exit 1', async () => {
    const path = file('broken.yaml', pipeline('orders').replace('transform:', 'tranform:'));
    const seen = cp.logLines.length;
    const outcome = await cp.cli(['apply', '-f', path]);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, new RegExp(`^${path}:11:1: unknown key 'tranform' at /; did you mean 'transform'\\?$`, 'm'));
    assert.match(outcome.stderr, /not applied \(1 fault\)/);
    assert.equal(cp.logLines.slice(seen).filter((l) => l.includes('"msg":"request"')).length, 0);
  });

  test("the control plane's refusals are shown with their location; another tenant's document is refused", async () => {
    const outcome = await cp.cli(['apply', '--tenant', 'acme', '-f', file('other.yaml', pipeline('orders').replace('tenant: acme', 'tenant: globex'))]);
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /the document belongs to tenant 'globex', not to 'acme'/);
  });

  test('pipelines lists them', async () => {
    const outcome = await cp.cli(['pipelines'], as);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /^NAME +STATUS +VERSION +LAST ACTION +UPDATED$/m);
    assert.match(outcome.stdout, /^orders +active +2 +applied +\d{4}-/m);
  });

  test('run starts a run; runs lists it', async () => {
    const started = await cp.cli(['run', 'orders', '--json'], as);
    assert.equal(started.code, 0, started.stderr);
    const run = JSON.parse(started.stdout) as { id: string; status: string; trigger: string };
    assert.deepEqual([run.status, run.trigger], ['requested', 'cli']);
    const listed = await cp.cli(['runs', '--pipeline', 'orders'], as);
    assert.match(listed.stdout, /^RUN +PIPELINE +STATUS +TRIGGER +REQUESTED +FINISHED +QUALITY +ERROR$/m);
    assert.match(listed.stdout, new RegExp(`^${run.id} +orders +requested +cli +`, 'm'));
  });

  test('run --follow shows records per stage until the run ends, with the run\'s exit code', async () => {
    const ds = cp.dataSource;
    const following = cp.cli(['run', 'orders', '--follow', '--interval-ms', '50'], as);
    // Play the stage services: report counts, then finish (what the run-event reader records).
    await waitFor(async () => (await ds.query(`SELECT count(*)::int AS n FROM runs WHERE status = 'requested'`))[0].n >= 2);
    const [{ id }] = await ds.query(`SELECT id FROM runs ORDER BY requested_at DESC LIMIT 1`);
    await ds.query(`UPDATE runs SET status = 'running', started_at = now() WHERE id = $1`, [id]);
    for (const [stage, n, out, errors] of [['SOURCE', 0, 100, 0], ['TRANSFORM', 100, 97, 3], ['VALIDATE', 60, 60, 0]] as const) {
      await ds.query(`INSERT INTO run_stage_counts (run_id, stage, records_in, records_out, errors, reported_at) VALUES ($1, $2, $3, $4, $5, now())`, [id, stage, n, out, errors]);
    }
    await waitFor(async () => cp.logLines.filter((l) => l.includes(`/runs/${id}"`)).length >= 2);
    // The report the control plane made from the validator's figures (runs.spec.ts in the control plane).
    const report = { records: 60, passed: 57, failed: 3, score: 72.5, ok: false, alerts: ['quality score 72.5 is below the minimum 80'], rules: [], completeness: [], uniqueness: [], anomalies: [] };
    await ds.query(`UPDATE runs SET status = 'succeeded', finished_at = now(), quality_report = $2::jsonb WHERE id = $1`, [id, JSON.stringify(report)]);
    const outcome = await following;
    assert.equal(outcome.code, 0, outcome.stderr);
    const lines = outcome.stdout.trim().split('\n');
    assert.ok(lines.includes('running: SOURCE 100 | TRANSFORM 100 (3 errors) | VALIDATE 60'), outcome.stdout);
    assert.deepEqual(lines.slice(-3), [
      'succeeded: SOURCE 100 | TRANSFORM 100 (3 errors) | VALIDATE 60',
      'Data quality: score 72.5 of 100; 57 of 60 records passed every rule',
      '  ! quality score 72.5 is below the minimum 80',
    ]);
    const listed = await cp.cli(['runs', '--pipeline', 'orders'], as);
    assert.match(listed.stdout, new RegExp(`^${id} +orders +succeeded +cli +.* 72\\.5 ! +- *$`, 'm'));
  });

  test('a failed run is exit code 1 with its error; errors RUN lists its failed records', async () => {
    const seen = cp.logLines.length;
    const following = cp.cli(['run', 'orders', '--follow', '--interval-ms', '50'], as);
    await waitFor(async () => cp.logLines.slice(seen).some((l) => l.includes('"msg":"request"') && l.includes('"route":"/tenants/:tenant/runs/:runId"')));
    const [{ id }] = await cp.dataSource.query(`SELECT id FROM runs ORDER BY requested_at DESC LIMIT 1`);
    await cp.dataSource.query(`UPDATE runs SET status = 'failed', finished_at = now(), error = 'source unreachable' WHERE id = $1`, [id]);
    const failed = await following;
    assert.equal(failed.code, 1);
    assert.equal(failed.stderr.trim(), `Run ${id} failed: source unreachable`);
    await cp.dataSource.query(
      `INSERT INTO run_error_samples (run_id, stage, reasons, attempt, failed_at, record_key, record, topic, partition, "offset")
       VALUES ($1, 'VALIDATE', $2, 1, now(), 'ORD-7', '{"orderId":"ORD-7"}', 'tributary.acme.orders.errors', 0, '41')`,
      [id, JSON.stringify([{ field: 'total', rule: 'range', message: 'must be at least 5' }])],
    );
    const listed = await cp.cli(['runs', '--status', 'failed', '--json'], as);
    assert.deepEqual((JSON.parse(listed.stdout) as { id: string }[]).map((r) => r.id), [id]);
    const errors = await cp.cli(['errors', id], as);
    assert.equal(errors.code, 0, errors.stderr);
    assert.match(errors.stdout, /^VALIDATE +ORD-7 +1 +\S+ \S+ +total: must be at least 5 +tributary\.acme\.orders\.errors\/0@41$/m);
    const bad = await cp.cli(['errors', 'not-a-run'], as);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /params\.runId: must be a run id/);
  });

  test('replay moves a stage back to a time; bad flags are usage errors', async () => {
    const outcome = await cp.cli(['replay', 'orders', '--stage', 'validator', '--from-timestamp', '2025-01-01T00:00:00Z'], as);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /^Moved consumer group \S+ \(validator of orders\):$/m);
    assert.match(outcome.stdout, /^TOPIC +PARTITION +FROM +TO$/m);
    for (const args of [['--stage', 'validator'], ['--from-offset', '3'], ['--stage', 'v', '--from-offset', '1', '--from-timestamp', '2025-01-01T00:00:00Z'], ['--stage', 'v', '--from-timestamp', 'yesterday']]) {
      assert.equal((await cp.cli(['replay', 'orders', ...args], as)).code, 2, args.join(' '));
    }
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never became true');
}
