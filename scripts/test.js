#!/usr/bin/env node
// Runs every *.spec.ts under the given folders (default: the whole workspace) with node's own
// test runner, transpiled on the fly by swc (keeps decorator metadata, honours tsconfig paths).
// Type errors are caught by `npm run typecheck`, which CI runs before the tests.
const { spawnSync } = require('node:child_process');
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const skip = new Set(['node_modules', 'dist', '.git', '.nx', '.tributary']);

function specsUnder(dir) {
  const stat = statSync(dir);
  if (stat.isFile()) return dir.endsWith('.spec.ts') ? [dir] : [];
  return readdirSync(dir).flatMap((name) => (skip.has(name) ? [] : specsUnder(join(dir, name))));
}

const files = (roots.length ? roots : ['libs', 'services', 'connectors']).flatMap(specsUnder).sort();
if (files.length === 0) {
  console.error('no spec files found under', roots.join(' ') || 'libs services connectors');
  process.exit(1);
}
// Integration specs start brokers and servers on free ports; one file at a time keeps a
// 2-core machine honest (a CPU-starved broker makes session timeouts flaky). Spec files that do
// none of that run two at a time first, since each file is its own process and starting one
// costs more than most of them run: the pure libraries below (no sockets, processes or clocks),
// and any other spec whose text names nothing that starts, connects, listens, sleeps or waits.
const PURE = ['libs/transforms/', 'libs/quality/', 'libs/avro/', 'libs/pipeline-spec/', 'libs/security/', 'libs/kafka-protocol/'];
const TOUCHES_THE_WORLD =
  /Process|freePort|listen\(|createServer|spawn|exec|127\.0\.0\.1|localhost|Sandbox|new Kafka|Pool\(|Client\(|Fixture|\.start\(|Database|scratch|fetch\(|connect\(|Connection|setTimeout|setInterval|tmpdir|mkdtemp|TempDirs|writeFile|readFile|net\.|http\.|Broker|Registry|Platform|Stack|WebSocket|request\(|kill|eventually|until\(|sleep|pause\(|Date\.now/;
const isPure = (file) => PURE.some((dir) => file.startsWith(dir)) || !TOUCHES_THE_WORLD.test(readFileSync(file, 'utf8'));
const env = { ...process.env, SWC_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json') };
const run = (specs, concurrency) =>
  specs.length === 0
    ? 0
    : (spawnSync(process.execPath, ['--require', '@swc-node/register', '--test', `--test-concurrency=${concurrency}`, ...passThrough, ...specs], { stdio: 'inherit', env }).status ?? 1);
// The control plane's and the CLI's specs each run their own app (a scratch database, free ports,
// a broker of their own where they need one) and wait generously: two at a time as well.
const SELF_CONTAINED = ['services/control-plane/', 'services/cli/'];
const isSelfContained = (file) => SELF_CONTAINED.some((dir) => file.startsWith(dir));
const pure = run(files.filter(isPure), process.env.TEST_CONCURRENCY ?? '2');
const apps = run(files.filter((f) => !isPure(f) && isSelfContained(f)), process.env.TEST_CONCURRENCY ?? '2');
const rest = run(files.filter((f) => !isPure(f) && !isSelfContained(f)), process.env.TEST_CONCURRENCY ?? '1');
process.exit(pure || apps || rest);
