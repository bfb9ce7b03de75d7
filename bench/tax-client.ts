// `npm run bench -- tax-client [--calls N] [--rounds N] [--concurrency N] [--latency-ms MS] [--only raw|ours]`:
// the tax sink's client CPU per TAXMAN call against the sandbox, ours against raw undici.
//
//   raw:  undici Pool.request with the same request (taxRequestOf, JSON.stringify, the same
//         headers and a key), the answer read and JSON.parse'd: the floor any client pays.
//   ours: TaxmanClient.calculate (idempotency key, concurrency bound, circuit, timeout, the
//         contract check, taxResultOf) with a latency histogram observed per call, as the sink does.
//
// Both keep `concurrency` calls in flight over their own pool of 128 connections (the sink's
// defaults), each call a new order id. The sandbox runs as a child process, so its CPU is not
// ours; figures are this process's CPU (user + system) per call, measured around the client
// loop only. The machine is shared and noisy, so the two run interleaved, round after round,
// after a warm-up of each, and the median round is the figure. `--only` runs one of the two
// (to profile it alone: node --cpu-prof --require @swc-node/register bench/tax-client.ts --only ours).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Histogram, Registry } from 'prom-client';
import { Pool } from 'undici';
import { freePort } from '../libs/testing/src';
import { IDEMPOTENCY_KEY_HEADER, TAX_CALCULATE_PATH, TaxmanClient, TaxmanEndpoint, taxOrderFixture, taxRequestOf } from '../libs/tax-api/src';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '30000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '256' },
    'latency-ms': { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const CALLS = Number(values.calls);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = Number(values.concurrency);
const LATENCY_MS = Number(values['latency-ms']);
const WARM_UP = Math.min(5_000, CALLS);
const CONNECTIONS = 128;
const repoRoot = join(__dirname, '..');
const scope = { tenant: 'acme', pipeline: 'erp-orders' };
const settings = { timeoutMs: 2_000, concurrency: CONCURRENCY, circuit: { errorPercent: 50, resetMs: 5_000 } };

/** One way of making a call; `call(i)` makes the i-th. */
interface Contender {
  readonly name: string;
  call(i: number): Promise<unknown>;
  readonly cpuUsPerCall: number[];
  readonly callsPerSecond: number[];
}

let orderNumber = 0;
const orderOf = () => taxOrderFixture({ orderId: `SO-${++orderNumber}` });

function rawUndici(url: string): Contender & { pool: Pool } {
  const pool = new Pool(url, { connections: CONNECTIONS, pipelining: 1, keepAliveTimeout: 30_000, connect: { timeout: 5_000 } });
  return {
    name: 'raw undici',
    pool,
    cpuUsPerCall: [],
    callsPerSecond: [],
    async call() {
      const order = orderOf();
      const answer = await pool.request({
        method: 'POST',
        path: TAX_CALCULATE_PATH,
        headers: { 'content-type': 'application/json', accept: 'application/json', [IDEMPOTENCY_KEY_HEADER]: `raw_${order.orderId}` },
        body: JSON.stringify(taxRequestOf(order, scope.tenant)),
      });
      const body = JSON.parse(await answer.body.text()) as { orderId?: string };
      if (answer.statusCode !== 200 || body.orderId !== order.orderId) throw new Error(`raw call answered ${answer.statusCode}`);
      return body;
    },
  };
}

function taxmanClient(url: string): Contender & { endpoint: TaxmanEndpoint; client: TaxmanClient } {
  const endpoint = new TaxmanEndpoint({ url, connections: CONNECTIONS });
  // As services/tax-sink's metrics: one latency histogram by endpoint and outcome.
  const latency = new Histogram({ name: 'bench_tax_api_latency_seconds', help: 'bench', labelNames: ['endpoint', 'outcome'], buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [new Registry()] });
  const client = new TaxmanClient({ endpoint, scope, settings, onCall: (c) => latency.observe({ endpoint: endpoint.url, outcome: c.outcome }, c.latencyMs / 1000) });
  return { name: 'TaxmanClient', endpoint, client, cpuUsPerCall: [], callsPerSecond: [], call: () => client.calculate(orderOf(), 1) };
}

/** `calls` calls, `concurrency` at a time; returns CPU µs and wall ms used. */
async function run(contender: Contender, calls: number): Promise<{ cpuUs: number; wallMs: number }> {
  let next = 0;
  const worker = async () => {
    while (next < calls) await contender.call(next++);
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const used = process.cpuUsage(cpu);
  return { cpuUs: used.user + used.system, wallMs: performance.now() - started };
}

/** CPU ticks (user + system, in 1/100 s) the child has used, from /proc. */
function cpuTicksOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function startSandboxChild(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--require', '@swc-node/register', join(repoRoot, 'services/tax-api-sandbox/src/main.ts')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SANDBOX_LATENCY_MS: String(LATENCY_MS) },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return { url, child };
    } catch {
      if (tries > 600) throw new Error('the sandbox did not start within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  console.log('bench tax-client: client CPU per TAXMAN call against the sandbox (a child process)');
  console.log(`  node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  console.log(`  ${CALLS} calls per measurement, ${ROUNDS} interleaved rounds after ${WARM_UP} warm-up calls each; concurrency ${CONCURRENCY} over ${CONNECTIONS} connections; sandbox latency ${LATENCY_MS} ms`);
  console.log('  order: taxOrderFixture (2 lines), a new order id per call');
  const { url, child } = await startSandboxChild();
  const raw = rawUndici(url);
  const ours = taxmanClient(url);
  const contenders: Contender[] = values.only === 'raw' ? [raw] : values.only === 'ours' ? [ours] : [raw, ours];
  try {
    for (const contender of contenders) await run(contender, WARM_UP);
    const sandboxTicks = cpuTicksOf(child.pid!);
    for (let round = 0; round < ROUNDS; round++) {
      const figures: string[] = [];
      for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
        const { cpuUs, wallMs } = await run(contender, CALLS);
        contender.cpuUsPerCall.push(cpuUs / CALLS);
        contender.callsPerSecond.push((CALLS * 1000) / wallMs);
        figures.push(`${contender.name} ${(cpuUs / CALLS).toFixed(1)} µs`);
      }
      console.log(`  round ${round + 1}: ${figures.join(', ')}`);
    }
    const sandboxUs = ((cpuTicksOf(child.pid!) - sandboxTicks) * 10_000) / (CALLS * ROUNDS * contenders.length);
    console.log('  client CPU per call (user + system), median of rounds [min-max]; wall calls/s median');
    for (const c of contenders) {
      const range = `[${Math.min(...c.cpuUsPerCall).toFixed(1)}-${Math.max(...c.cpuUsPerCall).toFixed(1)}]`;
      console.log(`  ${`${c.name}:`.padEnd(14)} ${median(c.cpuUsPerCall).toFixed(1)} µs ${range}; ${Math.round(median(c.callsPerSecond))} calls/s`);
    }
    if (contenders.length === 2) console.log(`  TaxmanClient over raw: +${(median(ours.cpuUsPerCall) - median(raw.cpuUsPerCall)).toFixed(1)} µs per call (medians)`);
    console.log(`  sandbox (child) CPU: ${sandboxUs.toFixed(0)} µs per call; load after: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  } finally {
    ours.client.shutdown();
    await Promise.all([ours.endpoint.close(), raw.pool.close()]);
    child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
