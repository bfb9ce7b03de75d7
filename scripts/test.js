#!/usr/bin/env node
// Runs every *.spec.ts under the given folders (default: the whole workspace) with node's own
// test runner, transpiled on the fly by swc (keeps decorator metadata, honours tsconfig paths).
// Type errors are caught by `npm run typecheck`, which CI runs before the tests.
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
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
// 2-core machine honest (a CPU-starved broker makes session timeouts flaky).
const concurrency = process.env.TEST_CONCURRENCY ?? '1';
const result = spawnSync(
  process.execPath,
  ['--require', '@swc-node/register', '--test', `--test-concurrency=${concurrency}`, ...passThrough, ...files],
  { stdio: 'inherit', env: { ...process.env, SWC_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json') } },
);
process.exit(result.status ?? 1);
