/**
 * The whole TAXMAN path, end to end, on the embedded stack (issue 6): N orders in a PostgreSQL
 * table read by connector-runner, through transformer, validator, tax-sink (against the sandbox
 * at a fixed latency) and result-writer into the results table. Every program is its own process
 * from the compiled workspace (`npm run build` first), as `npm start` runs them.
 *
 *   npm run bench -- e2e [--orders N] [--latency-ms MS] [--database-server URL] [--profile DIR]
 *
 * Prints orders/s from the run request to the run's success (its last result written), the
 * source-to-result latency of each order (its raw record's timestamp to its row's written_at: p50, p99), and each
 * process's share of the CPU time used during the run. --profile DIR writes a V8 CPU profile of
 * every program into DIR. --database-server URL runs the platform on a new database of an
 * installed PostgreSQL (created on that server, dropped after) instead of the embedded PGlite, as
 * `tributary start --database-url` does: what the path does with a production database. When the
 * server runs on this machine, its processes' CPU is counted as the database's share.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createScratchDatabase, type ScratchDatabase } from '../libs/persistence/src';
import { postgresSecretOf, seedErpTable } from '../services/stack/src/demo/demo-seed';
import { sampleOrder } from '../services/stack/src/demo/sample-orders';
import { E2EPlatform, eventually, repoRoot } from '../services/stack/src/e2e/e2e-platform';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '200000' },
    'latency-ms': { type: 'string', default: '5' },
    'database-server': { type: 'string' },
    profile: { type: 'string' },
  },
});
const ORDERS = Number(values.orders);
const LATENCY_MS = Number(values['latency-ms']);
const TARGET = 5_000;

function cpuTicks(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * CPU ticks of every `postgres` process on this machine. A backend that ends during the run
 * moves its ticks into its parent's children's times (cutime, cstime), which count here too.
 */
function postgresServerTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // ended between the listing and the read
    }
  }
  return ticks;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const server = values['database-server'] ? new URL(values['database-server']) : undefined;
  const serverIsLocal = server !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(server.hostname);
  const databaseName = server ? `PostgreSQL at ${server.host}${serverIsLocal ? '' : ' (not on this machine: its CPU is not counted)'}` : 'embedded PGlite';
  console.log(`e2e bench: ${ORDERS} orders, sandbox latency ${LATENCY_MS} ms, ${databaseName}, ${cpus().length} CPUs (${cpus()[0]?.model}), load ${loadavg()[0].toFixed(2)}`);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repoRoot, 'tsconfig.build.json')], { stdio: 'inherit' });
  const database: ScratchDatabase | undefined = server ? await createScratchDatabase(server.toString()) : undefined;
  const platform = await E2EPlatform.start({
    mode: 'dist',
    ...(database && { databaseUrl: database.url }),
    envOf: { 'tax-api-sandbox': { SANDBOX_LATENCY_MS: String(LATENCY_MS) } },
    ...(values.profile && { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', values.profile] }),
  }).catch(async (err: unknown) => {
    await database?.drop();
    throw err;
  });
  try {
    await platform.createTenant('bench');
    await platform.call('PUT', '/tenants/bench/secrets/bench-erp', { value: postgresSecretOf(platform.stack.urls.database) });
    await platform.sql('CREATE SCHEMA IF NOT EXISTS bench_erp');
    for (let from = 0; from < ORDERS; from += 20_000) {
      await seedErpTable(platform.stack.urls.database, Array.from({ length: Math.min(20_000, ORDERS - from) }, (_, i) => sampleOrder(from + i + 1, { badEvery: 0 })), 'bench_erp');
    }
    const document = readFileSync(join(repoRoot, 'examples', 'demo', 'erp-orders.yaml'), 'utf8')
      .replace('tenant: demo', 'tenant: bench')
      .replace(`tenant: "'demo'"`, `tenant: "'bench'"`)
      .replace('table: erp.orders', 'table: bench_erp.orders')
      .replace('schemas: [erp]', 'schemas: [bench_erp]')
      .replace('secret: demo-erp', 'secret: bench-erp');
    await platform.apply('bench', document);
    console.log(`seeded ${ORDERS} orders; running`);

    const processes = [...platform.stack.processes.values()];
    const before = new Map(processes.map((p) => [p.spec.name, cpuTicks(p.pid)]));
    const ownBefore = process.cpuUsage();
    const serverBefore = serverIsLocal ? postgresServerTicks() : 0;
    const started = Date.now();
    const runId = await platform.runNow('bench', 'erp-orders');
    // The run succeeds once every stage has handled its records (the control plane's drain watch
    // checks the stage groups' offsets every second): the end of the run is the last result written.
    type Detail = { status: string; error: string | null; counts: { stage: string; recordsIn: number; recordsOut: number; errors: number }[] };
    let lastReport = started;
    let detail: Detail = { status: 'requested', error: null, counts: [] };
    await eventually(
      async () => {
        detail = await platform.call<Detail>('GET', `/tenants/bench/runs/${runId}`);
        if (Date.now() - lastReport > 5_000) {
          lastReport = Date.now();
          console.log(`  ${((lastReport - started) / 1000).toFixed(0)} s: ${detail.status}; ${detail.counts.map((c) => `${c.stage} ${c.stage === 'SOURCE' ? c.recordsOut : c.recordsIn}`).join(', ')}`);
        }
        return ['succeeded', 'failed', 'cancelled'].includes(detail.status);
      },
      `run ${runId} to end`,
      3_600_000,
      250,
    );
    if (detail.status !== 'succeeded') throw new Error(`the run ${detail.status}: ${detail.error}`);
    const seconds = (Date.now() - started) / 1000;
    const after = new Map(processes.map((p) => [p.spec.name, cpuTicks(p.pid)]));
    // The database holds the source table, the results and sink tables, the control plane's run
    // records. Embedded, it is PGlite served from this process, whose CPU counts as the stack's.
    const own = process.cpuUsage(ownBefore);
    const serverTicks = serverIsLocal ? postgresServerTicks() - serverBefore : 0;

    const written = (await platform.sql<{ n: number }>(`SELECT count(*)::int AS n FROM results WHERE tenant_id = 'bench'`))[0].n;
    if (written !== ORDERS) throw new Error(`the run succeeded with ${written} results of ${ORDERS} orders`);
    const writtenAt = new Map((await platform.sql<{ order_key: string; ms: string }>(`SELECT order_key, (extract(epoch FROM written_at) * 1000)::bigint AS ms FROM results WHERE tenant_id = 'bench'`)).map((r) => [r.order_key, Number(r.ms)]));
    const latencies: number[] = [];
    const consumer = platform.kafka.consumer({ groupId: `bench-latency-${Date.now()}`, maxWaitTimeInMs: 200, maxBytes: 10 << 20 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'tributary.bench.erp-orders.raw', fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const at = writtenAt.get(message.key?.toString() ?? '');
          if (at !== undefined) latencies.push(at - Number(message.timestamp));
        }
      },
    });
    await eventually(() => latencies.length >= ORDERS, 'raw timestamps', 600_000);
    await consumer.disconnect();
    latencies.sort((a, b) => a - b);

    const used = processes.map((p) => ({ name: p.spec.name, ticks: after.get(p.spec.name)! - before.get(p.spec.name)! }));
    const ownTicks = Math.round((own.user + own.system) / 10_000);
    if (server) used.push({ name: 'bench (this process)', ticks: ownTicks }, ...(serverIsLocal ? [{ name: 'postgres (server)', ticks: serverTicks }] : []));
    else used.push({ name: 'postgres (PGlite)', ticks: ownTicks });
    const total = used.reduce((n, u) => n + u.ticks, 0);
    const stats = await fetch(`${platform.stack.urls.taxApi}/v1/stats`).then((r) => r.json() as Promise<Record<string, number>>);
    console.log(`\nresults: ${written} of ${ORDERS} orders in ${seconds.toFixed(1)} s`);
    console.log(`throughput: ${Math.round(ORDERS / seconds).toLocaleString('en-US')} orders/s end to end (target ${TARGET.toLocaleString('en-US')}: ${ORDERS / seconds >= TARGET ? 'met' : 'NOT met'})`);
    console.log(`source-to-result latency: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`);
    console.log(`sandbox: ${stats.calculations} calculations, taxedTwice ${stats.taxedTwice}`);
    console.log(`CPU during the run: ${(total / 100).toFixed(1)} s (${Math.round((total * 10_000) / ORDERS)} us per order) of ${(seconds * cpus().length).toFixed(1)} s available (${((100 * total) / 100 / (seconds * cpus().length)).toFixed(0)}%)`);
    for (const u of used.sort((a, b) => b.ticks - a.ticks)) console.log(`  ${u.name.padEnd(18)} ${((100 * u.ticks) / Math.max(1, total)).toFixed(1).padStart(5)}%  (${(u.ticks / 100).toFixed(1)} s)`);
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await platform.stop();
    await database?.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
