// Throughput of the example transform (example-pipeline.ts), one core:
//   node -r @swc-node/register libs/transforms/bench/example-pipeline.bench.ts   (N=records)
// The target is 300,000 records/s for the whole pipeline including quality rules. Prints the
// best of several rounds (the machine is shared) and the settings.
import { compileTransform } from '../src/index';
import { EXAMPLE_RULES as rules, EXAMPLE_STEPS as steps, exampleRecord as record } from './example-pipeline';

const transform = compileTransform(steps);
const N = Number(process.env.N ?? 200_000);
const CHUNK = 1000;
// Records are built in chunks outside the timed section, as a consumer decodes a batch.
function runChunk(base: number): [number, bigint] {
  const inputs = Array.from({ length: CHUNK }, (_, i) => record(base + i));
  let out = 0;
  const start = process.hrtime.bigint();
  for (const r of inputs) {
    const result = transform.run(r);
    if (result.reasons.length > 0) throw new Error(JSON.stringify(result.reasons));
    for (const o of result.records) {
      for (const rule of rules) if (rule.evaluate(o) !== true) throw new Error(`rule failed: ${rule.source}`);
      out++;
    }
  }
  return [out, process.hrtime.bigint() - start];
}
for (let i = 0; i < 20; i++) runChunk(i * CHUNK);
let out = 0;
let elapsed = 0n;
for (let base = 0; base < N; base += CHUNK) {
  const [n, ns] = runChunk(base);
  out += n;
  elapsed += ns;
}
const seconds = Number(elapsed) / 1e9;
console.log(JSON.stringify({ steps: steps.length, rules: rules.length, records: N, output: out, seconds: +seconds.toFixed(3), recordsPerSecond: Math.round(N / seconds), node: process.version }));
