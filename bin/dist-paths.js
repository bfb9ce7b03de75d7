// `node --require bin/dist-paths.js dist/services/<name>/src/main.js`: the @tributary/* aliases
// of tsconfig.base.json mapped onto the compiled workspace in dist/, as bin/tributary.js does.
const { join } = require('node:path');

const root = join(__dirname, '..');
const { compilerOptions } = require(join(root, 'tsconfig.base.json'));
const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, [target.replace(/\.ts$/, '.js')]]),
);
require('tsconfig-paths').register({ baseUrl: join(root, 'dist'), paths });
