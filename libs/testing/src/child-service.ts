/**
 * A Tributary program as a real child process, run from source through swc: tests talk to it over
 * real sockets, SIGKILL it mid-work and start it again on the same port and data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..');

export interface ChildServiceOptions {
  /** For messages: 'broker', 'tax-sink'... */
  readonly label: string;
  /** The script, relative to the repository (e.g. services/cli/src/main.ts). */
  readonly script: string;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** The port it listens on when ready. */
  readonly port: number;
  /** Flags for node itself, e.g. ['--cpu-prof', '--cpu-prof-dir', dir]. */
  readonly nodeArgs?: readonly string[];
}

export class ChildService {
  private child: ChildProcess | null = null;
  /** Everything it wrote to stdout and stderr, across restarts. */
  output = '';

  constructor(readonly options: ChildServiceOptions) {}

  get port(): number {
    return this.options.port;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts it (again) and resolves once its port accepts connections. */
  async restart(): Promise<void> {
    const { script, args = [], env = {}, nodeArgs = [] } = this.options;
    const child = spawn(process.execPath, [...nodeArgs, '--require', '@swc-node/register', join(repoRoot, script), ...args], {
      cwd: repoRoot,
      env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer): void => void (this.output += chunk.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    await this.waitForPort(child);
  }

  /** SIGKILL: no flush, no clean shutdown. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: a clean shutdown; resolves with the exit code. */
  stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  private signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child?.exitCode ?? null);
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    });
  }

  private async waitForPort(child: ChildProcess): Promise<void> {
    const { label, port } = this.options;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}:\n${this.output}`);
      const open = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      if (open) return;
      if (Date.now() > deadline) throw new Error(`${label} did not listen on ${port} within 60 s:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
