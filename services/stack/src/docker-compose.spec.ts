import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { DEFAULT_PORTS, stackProcesses, type StackSettings } from './stack-layout';

const root = join(__dirname, '..', '..', '..');

interface ComposeService {
  image?: string;
  command?: string[];
  profiles?: string[];
  environment?: Record<string, string | number>;
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

const settings: StackSettings = {
  root,
  dataDir: '/data',
  ports: DEFAULT_PORTS,
  mode: 'dist',
  databaseUrl: 'postgres://x@127.0.0.1:5433/postgres',
  masterKeys: 'k',
  jwtSecret: 's',
  admin: { email: 'a@b.c', password: 'p' },
  logLevel: 'info',
  env: {},
};

/** The stack's programs as `npm start` runs them: name, script and arguments relative to the workspace, variables set. */
const stack = stackProcesses(settings).map((spec) => {
  const [, , script, ...args] = spec.args; // --require bin/dist-paths.js <script> ...
  const own = Object.keys(spec.env).filter((name) => !(name in process.env) && name !== 'SWC_NODE_PROJECT');
  return { name: spec.name, script: relative(root, script), args, variables: own };
});

/** Replaced in production by Apache Kafka and Confluent Schema Registry, the compose file's own. */
const EMBEDDED_ONLY = new Set(['broker', 'registry']);
/** Variables of the embedded stack alone: its data folder; each container's ports are its own. */
const EMBEDDED_VARIABLES = new Set(['TRIBUTARY_DATA_DIR']);

describe('docker-compose.yml runs the platform on production infrastructure', () => {
  test('every program of the stack but its broker and registry is a service of the one image, running the same script', () => {
    for (const program of stack.filter((p) => !EMBEDDED_ONLY.has(p.name))) {
      const service = compose.services[program.name];
      assert.ok(service, `docker-compose.yml has no ${program.name} service`);
      assert.equal(service.image, 'tributary', program.name);
      const command = service.command ?? [];
      const script = program.script.startsWith('dist/services/cli/') ? ['bin/tributary.js'] : [program.script];
      assert.deepEqual(command, [...script, ...program.args], `${program.name} runs ${command.join(' ')}`);
    }
  });

  test('each service gets every variable the stack gives it, pointed at the compose infrastructure', () => {
    for (const program of stack.filter((p) => !EMBEDDED_ONLY.has(p.name))) {
      const environment = compose.services[program.name].environment ?? {};
      const missing = program.variables.filter((name) => !EMBEDDED_VARIABLES.has(name) && !(name in environment));
      assert.deepEqual(missing, [], `${program.name} lacks ${missing.join(', ')}`);
      if ('KAFKA_BROKERS' in environment) assert.equal(environment.KAFKA_BROKERS, 'kafka-1:9092,kafka-2:9092,kafka-3:9092');
      if ('DATABASE_URL' in environment) assert.match(String(environment.DATABASE_URL), /@postgres:5432\//);
    }
  });

  test('secrets are never written in the file: they come from the environment, required', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const variable of ['TRIBUTARY_MASTER_KEYS', 'TRIBUTARY_JWT_SECRET', 'TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD']) {
        const value = service.environment?.[variable];
        if (value !== undefined) assert.match(String(value), /^\$\{[A-Z_]+:\?.+\}$/, `${name} ${variable}`);
      }
    }
  });
});

// Not compose's: the embedded stack's own layout, checked here where its settings are at hand.
test("every program of the embedded stack logs at its level (`tributary start --log-level`), the broker and registry too", () => {
  for (const spec of stackProcesses({ ...settings, logLevel: 'error' })) {
    const flag = spec.args.indexOf('--log-level');
    const level = flag >= 0 ? spec.args[flag + 1] : spec.env.LOG_LEVEL;
    assert.equal(level, 'error', `${spec.name} logs at ${level}`);
  }
});
