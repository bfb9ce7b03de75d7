/**
 * The `tributary` command as a newcomer runs it: `bin/tributary.js` over the compiled workspace
 * (`npm run build`), as child processes with only the environment given. Long-running commands
 * (broker, registry, control plane) are `Service`s; the rest are `run` to their exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join, relative } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const BIN = join(REPO_ROOT, 'bin', 'tributary.js');

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly stdin?: string;
  /** Sends SIGINT (Ctrl-C), once, when stdout or stderr first matches. */
  readonly interruptWhen?: RegExp;
}

/** Runs `tributary ...args` to its exit. */
export function run(args: readonly string[], options: RunOptions): Promise<Outcome> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const outcome: Outcome = { code: null, stdout: '', stderr: '' };
  let interrupted = false;
  const watch = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    outcome[stream] += chunk.toString();
    if (!interrupted && options.interruptWhen?.test(outcome.stdout + outcome.stderr)) {
      interrupted = true;
      child.kill('SIGINT');
    }
  };
  child.stdout.on('data', watch('stdout'));
  child.stderr.on('data', watch('stderr'));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ ...outcome, code })));
}

/** A long-running `tributary` command, ready once its port accepts connections. */
export class Service {
  output = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => void (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => void (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(label: string, args: readonly string[], port: number, options: Omit<RunOptions, 'stdin' | 'interruptWhen'>): Promise<Service> {
    const service = new Service(label, spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] }));
    const deadline = Date.now() + 60_000;
    while (!(await accepts(port))) {
      if (service.child.exitCode !== null) throw new Error(`${label} exited with ${service.child.exitCode}:\n${service.output}`);
      if (Date.now() > deadline) {
        await service.stop();
        throw new Error(`${label} did not listen on ${port} within 60 s:\n${service.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return service;
  }

  /** Ctrl-C, as the README says to stop it; resolves with its exit code. */
  stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGINT');
    return this.exited;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Builds the workspace (`npm run build`'s incremental tsc) when a source the binary loads is
 * newer than its build, so the test judges the tree it runs in; CI has built just before.
 * Type errors do not stop tsc from writing its output; `npm run typecheck` is their judge.
 */
export function ensureBuilt(): void {
  if (staleBuild().length === 0) return;
  spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'ignore' });
  const stale = staleBuild();
  if (stale.length > 0) throw new Error(`dist/ is still older than ${stale.slice(0, 3).join(', ')} after building; run 'npm run build' and look at its errors`);
}

/** What `tributary` loads: its own commands' services and every lib and connector. */
const LOADED = ['services/cli', 'services/control-plane', 'services/broker', 'services/schema-registry', 'libs', 'connectors'];

/**
 * Sources the binary loads that are newer than what `npm run build` made of them (or never
 * built): it would run old code, and a test of it would judge something else than the tree.
 */
function staleBuild(): string[] {
  if (!existsSync(BIN)) return ['bin/tributary.js'];
  const stale: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'testing' || name === 'dist') continue;
      if (statSync(path).isDirectory()) visit(path);
      else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) {
        const source = relative(REPO_ROOT, path);
        const built = join(REPO_ROOT, 'dist', source.replace(/\.ts$/, '.js'));
        if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) stale.push(source);
      }
    }
  };
  for (const top of LOADED) visit(join(REPO_ROOT, top));
  return stale;
}
