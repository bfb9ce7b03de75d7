import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '@tributary/persistence';
import { freePort, tempDir } from '@tributary/testing';
import { ensureBuilt, REPO_ROOT, run, Service, type Outcome } from './testing/built-cli';
import { parseCommand, readmeWalkthrough } from './testing/readme-walkthrough';

// A newcomer's first hour, from README.md: every `npx tributary` line of its walkthrough runs
// here, as written, through the built bin/tributary.js (what npx runs; the workspace is built
// first if a source is newer than its build), in a folder of its own.
// The only changes are the ones a shared test machine forces: free ports instead of the
// defaults (flags for the services, TRIBUTARY_URL for the rest), and a scratch PostgreSQL
// database as the customer's ERP. Runs stay `requested` (no stage services here), as the
// README says. A README step this test does not run, or a step it runs that the README lost,
// fails the first test.

interface Step {
  readonly command: string;
  readonly stdin?: string;
  readonly interruptWhen?: RegExp;
  readonly code?: number;
  readonly expect: RegExp;
}

const ACME_ADMIN_PASSWORD = 'acme admin password';
const ERP_PASSWORD = `erp-${randomBytes(8).toString('hex')}`;

describe('the README walkthrough, run as written with the built command', () => {
  const lines = readmeWalkthrough();
  const work = tempDir('walkthrough');
  const home = tempDir('walkthrough-home');
  const services: Service[] = [];
  const outputs: Outcome[] = [];
  let erp: ScratchDatabase;
  let env: Record<string, string>;
  let rootPassword: string;
  let runId: string;

  const line = (prefix: string) => {
    const found = lines.find((l) => l.startsWith(prefix) || l.includes(` ${prefix}`));
    assert.ok(found, `the README walkthrough has no line '${prefix}...'`);
    return found;
  };

  /** Runs one README line (it must be there verbatim) and checks its exit code and output. */
  const step = async (s: Step): Promise<Outcome> => {
    assert.ok(lines.includes(s.command), `the README walkthrough lost '${s.command}'`);
    const command = parseCommand(s.command);
    const args = command.args.map((a) => (a === 'RUN_ID' ? runId : a));
    const stdin = command.stdinFile !== undefined ? readFileSync(join(work.path, command.stdinFile), 'utf8') : s.stdin;
    const outcome = await run(args, { cwd: work.path, env, stdin, interruptWhen: s.interruptWhen });
    outputs.push(outcome);
    assert.equal(outcome.code, s.code ?? 0, `${s.command}\n${outcome.stdout}${outcome.stderr}`);
    assert.match(outcome.stdout + outcome.stderr, s.expect, s.command);
    return outcome;
  };

  const TENANT: Step[] = [
    // Its password is the one the README starts the control plane with.
    { command: 'npx tributary login --email root@example.com', expect: /Logged in to .* as root@example.com \(tenant platform\)/ },
    { command: 'npx tributary tenants create acme --name "Acme Corp" --admin-email admin@acme.example', stdin: ACME_ADMIN_PASSWORD, expect: /Created tenant acme \(Acme Corp\) with admin admin@acme.example/ },
    { command: 'npx tributary login --email admin@acme.example', stdin: ACME_ADMIN_PASSWORD, expect: /as admin@acme.example \(tenant acme\)/ },
  ];
  const SECRET: Step[] = [
    { command: 'npx tributary secrets set acme-erp < erp-credentials.json', expect: /Created secret acme-erp in tenant acme/ },
    { command: 'npx tributary secrets', expect: /acme-erp\s+\S+\s+admin@acme.example/ },
    { command: 'npx tributary connections set acme-erp --connector postgres --secret acme-erp', expect: /Created connection acme-erp in tenant acme \(postgres, secret acme-erp\)/ },
    { command: 'npx tributary connections check acme-erp', expect: /^Connection acme-erp: reachable in \d+ ms\.$/m },
    { command: 'npx tributary connections discover acme-erp', expect: /public\.orders\s+3\s+order_id\s+full, incremental/ },
  ];
  const PIPELINE: Step[] = [
    { command: 'npx tributary validate -f examples/taxman-erp/pipeline.yaml', expect: /valid pipeline acme\/erp-orders/ },
    { command: 'npx tributary apply -f examples/taxman-erp/pipeline.yaml', expect: /Pipeline acme\/erp-orders created: version 1, active/ },
    { command: 'npx tributary pipelines', expect: /erp-orders\s+active\s+1\s+applied/ },
    { command: 'npx tributary run erp-orders --follow', interruptWhen: /requested/, code: 130, expect: /Stopped following; run [0-9a-f-]{36} goes on/ },
    { command: 'npx tributary runs', expect: /[0-9a-f-]{36}\s+erp-orders\s+requested\s+cli/ },
  ];
  const AFTER_RUNS: Step[] = [
    { command: 'npx tributary errors RUN_ID', expect: /No failed records sampled for run [0-9a-f-]{36}/ },
    { command: 'npx tributary results erp-orders --download results.parquet', expect: /Downloaded \d+ bytes of PARQUET to results.parquet/ },
    { command: 'npx tributary tail erp-orders', interruptWhen: /Following results of erp-orders/, expect: /Following results of erp-orders/ },
    { command: 'npx tributary pause erp-orders', expect: /Pipeline acme\/erp-orders is paused \(version 1\)/ },
    { command: 'npx tributary replay erp-orders --stage validator --from-timestamp 2025-01-15T00:00:00Z', expect: /Moved consumer group tributary.acme.erp-orders.validator/ },
    { command: 'npx tributary resume erp-orders', expect: /Pipeline acme\/erp-orders is active \(version 1\)/ },
  ];
  const SERVICES = ['npx tributary broker', 'npx tributary registry', 'npx tributary control-plane'];

  before(async () => {
    ensureBuilt();
    symlinkSync(join(REPO_ROOT, 'examples'), join(work.path, 'examples'));
    erp = await createScratchDatabase();
    const client = new Client({ connectionString: erp.url });
    await client.connect();
    await client.query('CREATE TABLE orders (order_id text PRIMARY KEY, total numeric(12,2), updated_at timestamptz)');
    await client.end();

    const [brokerPort, registryPort, controlPlanePort] = [await freePort(), await freePort(), await freePort()];
    const base = { PATH: process.env.PATH ?? '' };
    const start = async (prefix: string, extra: string[], port: number, extraEnv: Record<string, string> = {}) => {
      const command = parseCommand(line(prefix));
      services.push(await Service.start(prefix, [...command.args, ...extra], port, { cwd: work.path, env: { ...base, ...command.env, ...extraEnv } }));
      return command;
    };
    await start('npx tributary broker', ['--listen', `127.0.0.1:${brokerPort}`], brokerPort);
    await start('npx tributary registry', ['--listen', `127.0.0.1:${registryPort}`, '--kafka', `127.0.0.1:${brokerPort}`], registryPort);
    const controlPlane = await start('npx tributary control-plane', [], controlPlanePort, {
      PORT: String(controlPlanePort),
      KAFKA_BROKERS: `127.0.0.1:${brokerPort}`,
      SCHEMA_REGISTRY_URL: `http://127.0.0.1:${registryPort}`,
    });
    rootPassword = controlPlane.env.TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD;
    env = { ...base, HOME: home.path, TRIBUTARY_URL: `http://127.0.0.1:${controlPlanePort}` };
  });

  after(async () => {
    for (const service of [...services].reverse()) await service.stop();
    await erp?.drop();
    work.remove();
    home.remove();
  });

  test('the README lists exactly the commands this test runs', () => {
    const readme = lines.filter((l) => l.includes('npx tributary')).map((l) => l.replace(/^([A-Z_]+='[^']*' |[A-Z_]+=\S+ )+/, ''));
    const tested = [...SERVICES, ...[TENANT, SECRET, PIPELINE, AFTER_RUNS].flat().map((s) => s.command)];
    assert.deepEqual(readme.sort(), tested.sort());
  });

  test('a tenant: the platform admin logs in, creates acme with its admin, who logs in', async () => {
    await step({ ...TENANT[0], stdin: rootPassword });
    for (const s of TENANT.slice(1)) await step(s);
  });

  test('a secret: stored from the credentials file, listed by name, checked and discovered through a connection', async () => {
    // The README's file, with this machine's PostgreSQL: same fields, other values.
    const heredoc = lines.indexOf("cat > erp-credentials.json <<'EOF'");
    assert.ok(heredoc >= 0 && lines[heredoc + 2] === 'EOF', 'the README shows erp-credentials.json being written');
    const example = JSON.parse(lines[heredoc + 1]) as Record<string, unknown>;
    const url = new URL(erp.url);
    const credentials = { host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: url.username, password: ERP_PASSWORD };
    assert.deepEqual(Object.keys(credentials), Object.keys(example));
    writeFileSync(join(work.path, 'erp-credentials.json'), JSON.stringify(credentials) + '\n');
    for (const s of SECRET) await step(s);
  });

  test('the example pipeline: validated, applied, listed, run and followed until Ctrl-C, and the run listed', async () => {
    for (const s of PIPELINE) await step(s);
    runId = /([0-9a-f-]{36})\s+erp-orders\s+requested/.exec(outputs.at(-1)!.stdout)![1];
  });

  test('the commands for after a run answer too, while the run is still requested', async () => {
    for (const s of AFTER_RUNS) await step(s);
    assert.ok(existsSync(join(work.path, 'results.parquet')));
  });

  test('the secret appears in no output, and the platform stops cleanly with Ctrl-C, control plane first', async () => {
    const everything = [...outputs.flatMap((o) => [o.stdout, o.stderr]), ...services.map((s) => s.output)];
    assert.ok(outputs.length >= 17 && services.every((s) => s.output.length > 0));
    assert.deepEqual(everything.filter((text) => text.includes(ERP_PASSWORD) || text.includes(ACME_ADMIN_PASSWORD)), []);
    const codes: [string, number | null][] = [];
    for (const service of [...services].reverse()) codes.push([service.label, await service.stop()]);
    assert.deepEqual(codes, [['npx tributary control-plane', 0], ['npx tributary registry', 0], ['npx tributary broker', 0]]);
  });
});
