#!/usr/bin/env node
// `npm run bench -- NAME [args]` runs bench/NAME.ts. Each benchmark prints its settings and figures.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const [name, ...args] = process.argv.slice(2);
const benchDir = join(__dirname, '..', 'bench');
const available = readdirSync(benchDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
if (!name || !existsSync(join(benchDir, `${name}.ts`))) {
  console.error(`usage: npm run bench -- NAME   (NAME one of: ${available.join(', ') || 'none yet'})`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--require', '@swc-node/register', join(benchDir, `${name}.ts`), ...args], {
  stdio: 'inherit',
  env: { ...process.env, SWC_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json') },
});
process.exit(result.status ?? 1);
