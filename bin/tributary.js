#!/usr/bin/env node
// The `tributary` command, run from the compiled workspace (`npm run build` writes dist/).
// The @tributary/* aliases of tsconfig.base.json are mapped onto dist/ by dist-paths.js.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const main = join(root, 'dist', 'services', 'cli', 'src', 'main.js');
if (!existsSync(main)) {
  console.error('tributary: not built yet; run `npm run build` first');
  process.exit(1);
}
require('./dist-paths');
require(main)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
