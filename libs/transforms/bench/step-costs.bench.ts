// Marginal cost of each step of the example pipeline, in nanoseconds per record: runs the
// first k steps for every k and prints the differences (best of 3 rounds per prefix).
//   node -r @swc-node/register libs/transforms/bench/step-costs.bench.ts
import { compileTransform } from '../src/index';
import { EXAMPLE_STEPS, exampleRecord } from './example-pipeline';

const N = Number(process.env.N ?? 30_000);
const inputsFor = () => Array.from({ length: N }, (_, i) => exampleRecord(i));

function nsPerRecord(k: number): number {
  const transform = compileTransform(EXAMPLE_STEPS.slice(0, k));
  let best = Infinity;
  for (let round = 0; round < 4; round++) {
    const inputs = inputsFor();
    const start = process.hrtime.bigint();
    for (const r of inputs) transform.run(r);
    const ns = Number(process.hrtime.bigint() - start) / N;
    if (round > 0) best = Math.min(best, ns);
  }
  return best;
}

let previous = nsPerRecord(0);
console.log(`empty transform: ${previous.toFixed(0)} ns`);
for (let k = 1; k <= EXAMPLE_STEPS.length; k++) {
  const ns = nsPerRecord(k);
  console.log(`${Object.keys(EXAMPLE_STEPS[k - 1])[0].padEnd(16)} +${(ns - previous).toFixed(0).padStart(5)} ns  (total ${ns.toFixed(0)})`);
  previous = ns;
}
