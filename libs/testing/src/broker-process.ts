/**
 * Runs the embedded broker as a real child process (`tributary broker`, from source through
 * swc), so tests can SIGKILL and restart it and clients talk to it over real sockets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port';
import { tempDir } from './temp-dir';

const repoRoot = join(__dirname, '..', '..', '..');

export interface BrokerProcessOptions {
  /** Extra `tributary broker` flags, e.g. ['--partitions', '3']. */
  readonly args?: readonly string[];
  readonly dataDir?: string;
  readonly port?: number;
  /** Flags for node itself, e.g. ['--cpu-prof', '--cpu-prof-dir', dir] to profile the broker. */
  readonly nodeArgs?: readonly string[];
}

export class BrokerProcess {
  private child: ChildProcess | null = null;
  output = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly args: readonly string[],
    private readonly ownsDataDir: (() => void) | null,
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  /** Starts a broker on a free port with a fresh data folder (unless given), and waits until it listens. */
  static async start(options: BrokerProcessOptions = {}): Promise<BrokerProcess> {
    const dir = options.dataDir ? null : tempDir('broker');
    const broker = new BrokerProcess(
      options.port ?? (await freePort()),
      options.dataDir ?? dir!.path,
      ['--group-initial-rebalance-delay-ms', '0', '--group-min-session-timeout-ms', '1000', ...(options.args ?? [])],
      dir ? dir.remove : null,
      options.nodeArgs,
    );
    await broker.restart();
    return broker;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The running child's process id (tests read /proc/<pid> for its memory), undefined when stopped. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process again on the same port and data folder (after kill or stop). */
  async restart(): Promise<void> {
    const child = spawn(
      process.execPath,
      [...this.nodeArgs, '--require', '@swc-node/register', join(repoRoot, 'services/cli/src/main.ts'), 'broker',
        '--listen', this.address, '--data', this.dataDir, '--log-level', 'warn', ...this.args],
      { cwd: repoRoot, env: { ...process.env, SWC_NODE_PROJECT: join(repoRoot, 'tsconfig.json') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    const collect = (chunk: Buffer): void => void (this.output += chunk.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    await waitForPort(this.port, child, () => this.output);
  }

  /** SIGKILL: no flush, no clean-shutdown marker. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: a clean shutdown; resolves with the exit code. */
  async stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  /** Stops the broker and deletes its data folder if this object created it. */
  async dispose(): Promise<void> {
    await this.stop();
    this.ownsDataDir?.();
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
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`broker exited with ${child.exitCode}:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`broker did not listen on ${port} within 30 s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
