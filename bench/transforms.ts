// `npm run bench -- transforms [--records=N] [--rounds=R]`: the TAXMAN example pipeline
// (examples/taxman-erp/pipeline.yaml: its transform steps and its validate rules, compiled from
// the document as a transformer and validator would) over N ERP export rows, one core.
// Target (issue 4): at least 300,000 records/s for 1,000,000 records.
//
// Input rows are the example's twelve rows with a fresh order number each (so `unique` sees
// 1,000,000 keys), parsed (JSON.parse, as the file source does) in batches of 1,000 outside the timed
// section, as a consumer decodes a fetched batch before transforming it. The timed section is transform.run plus rules.check
// for every output; the clock for `unique` advances 50 ms a row, so its 24 h window holds every key.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parsePipeline } from '../libs/pipeline-spec/src';
import { compileRules } from '../libs/quality/src';
import { compileTransform, type DataRecord } from '../libs/transforms/src';

const option = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const RECORDS = option('records', 1_000_000);
const ROUNDS = option('rounds', 3);
const BATCH = 1000;

const root = join(__dirname, '..');
const example = (file: string) => readFileSync(join(root, 'examples', 'taxman-erp', file), 'utf8');
const TaxOrder: unknown = JSON.parse(readFileSync(join(root, 'schemas', 'tax-order.avsc'), 'utf8'));
const lines = example('orders.jsonl').trim().split('\n');

interface Outcome {
  seconds: number;
  cpuSeconds: number;
  mapped: number;
  transformFailed: number;
  ruleFailed: number;
}

function round(): Outcome {
  let clock = Date.UTC(2024, 4, 1);
  const context = { schemas: { TaxOrder }, now: () => clock };
  const parsed = parsePipeline(example('pipeline.yaml'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.faults));
  const transform = compileTransform(parsed.spec.transform as DataRecord[], context);
  const rules = compileRules(parsed.spec.validate as DataRecord[], context);
  const outcome: Outcome = { seconds: 0, cpuSeconds: 0, mapped: 0, transformFailed: 0, ruleFailed: 0 };
  const batch: DataRecord[] = new Array(BATCH);
  let elapsed = 0n;
  let cpu = 0;
  for (let base = 0; base < RECORDS; base += BATCH) {
    const n = Math.min(BATCH, RECORDS - base);
    for (let i = 0; i < n; i++) {
      const row = JSON.parse(lines[(base + i) % lines.length]) as DataRecord;
      row.ORD_NO = `SO-${base + i}`;
      batch[i] = row;
    }
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      clock += 50;
      const result = transform.run(batch[i]);
      if (result.reasons.length > 0) outcome.transformFailed++;
      for (const order of result.records) {
        if (rules.check(order).length > 0) outcome.ruleFailed++;
        outcome.mapped++;
      }
    }
    elapsed += process.hrtime.bigint() - start;
    const used = process.cpuUsage(cpuStart);
    cpu += used.user + used.system;
  }
  outcome.seconds = Number(elapsed) / 1e9;
  outcome.cpuSeconds = cpu / 1e6;
  return outcome;
}

const parsed = parsePipeline(example('pipeline.yaml'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.faults));
console.log(
  JSON.stringify({
    bench: 'transforms',
    pipeline: 'examples/taxman-erp/pipeline.yaml',
    steps: parsed.spec.transform.length,
    rules: parsed.spec.validate.length,
    records: RECORDS,
    rounds: ROUNDS,
    batch: BATCH,
    node: process.version,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    loadavg: loadavg().map((l) => +l.toFixed(2)),
  }),
);
const rates: number[] = [];
for (let r = 1; r <= ROUNDS; r++) {
  const o = round();
  const perSecond = Math.round(RECORDS / o.seconds);
  rates.push(perSecond);
  console.log(
    JSON.stringify({ round: r, seconds: +o.seconds.toFixed(3), recordsPerSecond: perSecond, recordsPerCpuSecond: Math.round(RECORDS / o.cpuSeconds), mapped: o.mapped, transformFailed: o.transformFailed, ruleFailed: o.ruleFailed }),
  );
}
const sorted = [...rates].sort((a, b) => a - b);
console.log(JSON.stringify({ best: sorted[sorted.length - 1], median: sorted[Math.floor(sorted.length / 2)], target: 300_000 }));
