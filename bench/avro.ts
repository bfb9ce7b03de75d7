// `npm run bench -- avro [--seconds=N]`: TaxOrder encode and decode rates through the Confluent
// framing (ConfluentAvroCodec over InMemorySchemaRegistry) with warm caches, one core.
// Target (issue 3): at least 300,000 encodes/s and 300,000 decodes/s for a 5-line TaxOrder.
import { cpus, loadavg } from 'node:os';
import { ConfluentAvroCodec, InMemorySchemaRegistry, TaxOrder, readPlatformSchema } from '../libs/avro/src';
import { sampleTaxOrder } from '../libs/avro/src/platform-samples';

const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.slice('--seconds='.length) ?? 3);
const LINES = 5;
const BATCH = 1000;
const subject = 'tributary.acme.erp-orders.valid-value';

interface Rate {
  ops: number;
  /** Operations per second of wall time. */
  perSecond: number;
  /** Operations per second of this process's CPU time: the one-core figure on a machine other work shares. */
  perCpuSecond: number;
}

/** Runs `op` in batches for `ms` milliseconds of wall time. */
async function rate(ms: number, op: () => Promise<unknown>): Promise<Rate> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let ops = 0;
  let now = start;
  while (now < end) {
    for (let i = 0; i < BATCH; i++) await op();
    ops += BATCH;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { ops, perSecond: (ops * 1e9) / Number(now - start), perCpuSecond: (ops * 1e6) / (cpu.user + cpu.system) };
}

async function main(): Promise<void> {
  const codec = new ConfluentAvroCodec(new InMemorySchemaRegistry());
  await codec.register(subject, readPlatformSchema('tax-order'));
  const order = sampleTaxOrder(LINES);
  const frame = await codec.encode(subject, order);
  const decoded = await codec.decode<TaxOrder>(frame);
  if (decoded.lines.length !== LINES || decoded.lines[4].unitPrice !== order.lines[4].unitPrice) throw new Error('round trip failed');

  console.log('bench avro: TaxOrder through ConfluentAvroCodec (Confluent framing, warm schema-id cache)');
  console.log(`  node ${process.version}, ${cpus()[0]?.model ?? 'unknown cpu'}, one thread`);
  const decimals = order.lines.reduce((n, line) => n + 2 + line.discounts.length, 0);
  console.log(`  value: TaxOrder with ${LINES} lines, ${frame.length}-byte frame (5-byte header + Avro): ${decimals} decimals, 2 dates, 1 timestamp, 1 uuid`);
  console.log(`  ${seconds}s per measurement after a 1s warm-up; each op awaited, in batches of ${BATCH}`);

  await rate(500, () => codec.encode(subject, order));
  await rate(500, () => codec.decode(frame));
  const encode = await rate(seconds * 1000, () => codec.encode(subject, order));
  const decode = await rate(seconds * 1000, () => codec.decode(frame));
  const format = (n: number) => Math.round(n).toLocaleString('en-US');
  const line = (name: string, r: Rate) =>
    `  ${name}: ${format(r.perSecond)} /s wall, ${format(r.perCpuSecond)} /s of CPU time (${format(r.ops)} ops, ${(1e6 / r.perSecond).toFixed(2)} µs each)`;
  console.log(line('encode', encode));
  console.log(line('decode', decode));
  console.log(`  load average while running: ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores`);
  const target = 300_000;
  const verdict = encode.perSecond >= target && decode.perSecond >= target ? 'met' : 'NOT met';
  console.log(`  target ${format(target)} /s each, wall clock: ${verdict}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
