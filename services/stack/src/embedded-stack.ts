import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localKeys } from '@tributary/control-plane';
import { EmbeddedPostgres } from '@tributary/persistence';
import { localAdmin, type AdminCredentials } from './stack-credentials';
import { DEFAULT_PORTS, stackProcesses, type StackPorts, type StackSettings } from './stack-layout';
import { SupervisedProcess, type ProcessEvent } from './supervised-process';

export interface StackOptions {
  readonly root: string;
  readonly dataDir: string;
  readonly ports?: Partial<StackPorts>;
  readonly mode?: StackSettings['mode'];
  readonly logLevel?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly envOf?: StackSettings['envOf'];
  readonly nodeArgs?: StackSettings['nodeArgs'];
  /**
   * An installed PostgreSQL to keep the platform's tables in (and the demo's ERP table), instead
   * of PGlite served from this process: the database must exist; the control plane migrates it.
   */
  readonly databaseUrl?: string;
  /** Start only these programs (tests that need part of the path); default all. */
  readonly only?: readonly string[];
  readonly onOutput?: (name: string, line: string) => void;
  readonly onEvent?: (event: ProcessEvent) => void;
}

/** The URLs a user (or a test) talks to. */
export interface StackUrls {
  readonly controlPlane: string;
  readonly kafka: string;
  readonly registry: string;
  readonly database: string;
  readonly taxApi: string;
  readonly wsGateway: string;
}

/** Programs that start before the rest, one after the other; the stage services then start together. */
const FOUNDATION = ['broker', 'registry', 'control-plane'];

/**
 * The whole platform on one machine with no installed services (DESIGN.md, embedded): PGlite
 * served on a port from this process (or an installed PostgreSQL, when given), then the broker, the registry, the control plane and every
 * stage service as supervised child processes. stop() takes them down in reverse order.
 */
export class EmbeddedStack {
  private constructor(
    readonly processes: ReadonlyMap<string, SupervisedProcess>,
    /** Undefined when the stack uses an installed PostgreSQL, which it neither starts nor stops. */
    private readonly postgres: EmbeddedPostgres | undefined,
    readonly urls: StackUrls,
    readonly admin: AdminCredentials,
    readonly ports: StackPorts,
  ) {}

  static async start(options: StackOptions): Promise<EmbeddedStack> {
    const dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    const ports = { ...DEFAULT_PORTS, ...options.ports };
    const keys = localKeys(dataDir);
    const admin = localAdmin(dataDir);
    const postgres = options.databaseUrl ? undefined : await EmbeddedPostgres.start(join(dataDir, 'postgres'), { port: ports.postgres });
    const databaseUrl = options.databaseUrl ?? postgres!.url;
    const settings: StackSettings = {
      root: options.root,
      dataDir,
      ports,
      mode: options.mode ?? 'dist',
      databaseUrl,
      masterKeys: keys.masterKeys,
      jwtSecret: keys.jwtSecret,
      admin,
      logLevel: options.logLevel ?? 'info',
      env: options.env ?? {},
      envOf: options.envOf,
      nodeArgs: options.nodeArgs,
    };
    const onOutput = options.onOutput ?? (() => undefined);
    const onEvent = options.onEvent ?? (() => undefined);
    const specs = stackProcesses(settings).filter((spec) => !options.only || options.only.includes(spec.name));
    const processes = new Map(specs.map((spec) => [spec.name, new SupervisedProcess(spec, onOutput, onEvent)]));
    const urls: StackUrls = {
      controlPlane: `http://127.0.0.1:${ports.controlPlane}`,
      kafka: `127.0.0.1:${ports.broker}`,
      registry: `http://127.0.0.1:${ports.registry}`,
      database: databaseUrl,
      taxApi: `http://127.0.0.1:${ports.taxApi}`,
      wsGateway: `ws://127.0.0.1:${ports.wsGateway}`,
    };
    const stack = new EmbeddedStack(processes, postgres, urls, admin, ports);
    // The programs run in their own process groups; should this process end without stop(), they
    // must not live on holding the ports and the data folder.
    process.once('exit', () => {
      for (const p of processes.values()) {
        try {
          if (p.pid) process.kill(p.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
    try {
      for (const name of FOUNDATION) await processes.get(name)?.start();
      await Promise.all([...processes.values()].filter((p) => !FOUNDATION.includes(p.spec.name)).map((p) => p.start()));
    } catch (err) {
      await stack.stop();
      throw err;
    }
    return stack;
  }

  process(name: string): SupervisedProcess {
    const found = this.processes.get(name);
    if (!found) throw new Error(`the stack runs no ${name}; it runs ${[...this.processes.keys()].join(', ')}`);
    return found;
  }

  /** Stage services first (they commit what they did), then the control plane, registry, broker, database. */
  async stop(): Promise<void> {
    const all = [...this.processes.values()];
    await Promise.all(all.filter((p) => !FOUNDATION.includes(p.spec.name)).map((p) => p.stop()));
    for (const name of [...FOUNDATION].reverse()) await this.processes.get(name)?.stop();
    await this.postgres?.stop();
  }
}
