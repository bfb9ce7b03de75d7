import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PORTS, stackProcesses } from './stack-layout';

test("every program logs at the stack's level (`tributary start --log-level`), the broker and registry too", () => {
  const specs = stackProcesses({
    root: '/repo',
    dataDir: '/data',
    ports: DEFAULT_PORTS,
    mode: 'dist',
    databaseUrl: 'postgres://x@127.0.0.1:5433/postgres',
    masterKeys: 'k',
    jwtSecret: 's',
    admin: { email: 'a@b.c', password: 'p' },
    logLevel: 'error',
    env: {},
  });
  assert.ok(specs.length >= 10);
  for (const spec of specs) {
    const flag = spec.args.indexOf('--log-level');
    const level = flag >= 0 ? spec.args[flag + 1] : spec.env.LOG_LEVEL;
    assert.equal(level, 'error', `${spec.name} logs at ${level}`);
  }
});
