import { join } from 'node:path';
import type { ProcessSpec } from './supervised-process';

/** Where every part of the embedded stack listens. */
export interface StackPorts {
  readonly broker: number;
  readonly registry: number;
  readonly postgres: number;
  readonly controlPlane: number;
  readonly taxApi: number;
  readonly wsGateway: number;
  /** The gateway's health and metrics (its websockets are on wsGateway). */
  readonly wsGatewayOps: number;
  readonly connectorRunner: number;
  readonly transformer: number;
  readonly validator: number;
  readonly taxSink: number;
  readonly resultWriter: number;
}

/** The defaults of `npm start` (PostgreSQL's own 5432 is left to a real PostgreSQL). */
export const DEFAULT_PORTS: StackPorts = {
  broker: 9092,
  registry: 8081,
  postgres: 5433,
  controlPlane: 8080,
  taxApi: 8090,
  wsGateway: 8091,
  wsGatewayOps: 9406,
  connectorRunner: 9401,
  transformer: 9402,
  validator: 9403,
  taxSink: 9404,
  resultWriter: 9405,
};

export interface StackSettings {
  readonly root: string;
  readonly dataDir: string;
  readonly ports: StackPorts;
  /** `dist`: the compiled workspace (npm start); `source`: TypeScript through swc (tests). */
  readonly mode: 'dist' | 'source';
  readonly databaseUrl: string;
  readonly masterKeys: string;
  readonly jwtSecret: string;
  readonly admin: { readonly email: string; readonly password: string };
  readonly logLevel: string;
  /** Extra variables for every process (OTEL_EXPORTER_OTLP_ENDPOINT, a test's knobs...). */
  readonly env: NodeJS.ProcessEnv;
  /** Extra variables for one process, by name. */
  readonly envOf?: Readonly<Record<string, NodeJS.ProcessEnv>>;
  /** Flags for node itself in every process, e.g. ['--cpu-prof', '--cpu-prof-dir', dir] (NODE_OPTIONS refuses those). */
  readonly nodeArgs?: readonly string[];
}

/** The programs of the stack in start order: each needs only those before it. */
export function stackProcesses(s: StackSettings): ProcessSpec[] {
  const { ports } = s;
  const kafka = `127.0.0.1:${ports.broker}`;
  const registryUrl = `http://127.0.0.1:${ports.registry}`;
  // The tenants' file areas (`<root>/<tenant>`): where file connections and file sources may read.
  const files = { TRIBUTARY_FILE_ROOT: join(s.dataDir, 'files') };
  const common = { KAFKA_BROKERS: kafka, SCHEMA_REGISTRY_URL: registryUrl, LOG_LEVEL: s.logLevel, TRIBUTARY_DATA_DIR: s.dataDir, HOST: '127.0.0.1' };
  const database = { DATABASE_URL: s.databaseUrl };
  const cli = (name: string, port: number, args: string[], env: NodeJS.ProcessEnv = {}) => program(s, name, 'services/cli/src/main.ts', port, args, env);
  const service = (name: string, port: number, env: NodeJS.ProcessEnv = {}) => program(s, name, `services/${name}/src/main.ts`, port, [], { ...common, PORT: String(port), ...env });
  return [
    // No group.initial.rebalance.delay.ms, as Kafka's own out-of-the-box server.properties: its 3 s
    // default holds every group that forms from empty for more members, and here most form with
    // one: a service started or restarted alone, a websocket feed (its first result came 3 s late).
    cli('broker', ports.broker, ['broker', '--listen', kafka, '--data', join(s.dataDir, 'broker'), '--log-level', s.logLevel, '--group-initial-rebalance-delay-ms', '0']),
    cli('registry', ports.registry, ['registry', '--listen', `127.0.0.1:${ports.registry}`, '--kafka', kafka, '--log-level', s.logLevel]),
    cli('control-plane', ports.controlPlane, ['control-plane'], {
      ...common,
      ...database,
      ...files,
      PORT: String(ports.controlPlane),
      TRIBUTARY_MASTER_KEYS: s.masterKeys,
      TRIBUTARY_JWT_SECRET: s.jwtSecret,
      TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL: s.admin.email,
      TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD: s.admin.password,
    }),
    service('tax-api-sandbox', ports.taxApi),
    // The master keys open a postgres sink's connection secret.
    service('result-writer', ports.resultWriter, { ...database, TRIBUTARY_MASTER_KEYS: s.masterKeys }),
    service('tax-sink', ports.taxSink, { TAX_API_URL: `http://127.0.0.1:${ports.taxApi}` }),
    service('validator', ports.validator),
    service('transformer', ports.transformer),
    service('connector-runner', ports.connectorRunner, { ...database, ...files, TRIBUTARY_MASTER_KEYS: s.masterKeys }),
    service('ws-gateway', ports.wsGatewayOps, { ...database, TRIBUTARY_JWT_SECRET: s.jwtSecret, WS_PORT: String(ports.wsGateway) }),
  ];
}

function program(s: StackSettings, name: string, script: string, port: number, args: string[], env: NodeJS.ProcessEnv): ProcessSpec {
  const launch =
    s.mode === 'source'
      ? ['--require', '@swc-node/register', join(s.root, script)]
      : ['--require', join(s.root, 'bin', 'dist-paths.js'), join(s.root, 'dist', script.replace(/\.ts$/, '.js'))];
  return {
    name,
    command: process.execPath,
    args: [...(s.nodeArgs ?? []), ...launch, ...args],
    cwd: s.root,
    port,
    env: { ...process.env, SWC_NODE_PROJECT: join(s.root, 'tsconfig.json'), ...s.env, ...env, ...s.envOf?.[name] },
  };
}
