/**
 * Runs the embedded broker as a real child process (`tributary broker`, from source through
 * swc), so tests can SIGKILL and restart it and clients talk to it over real sockets.
 */
import { ChildService } from './child-service';
import { freePort } from './free-port';
import { tempDir } from './temp-dir';

export interface BrokerProcessOptions {
  /** Extra `tributary broker` flags, e.g. ['--partitions', '3']. */
  readonly args?: readonly string[];
  readonly dataDir?: string;
  readonly port?: number;
  /** Flags for node itself, e.g. ['--cpu-prof', '--cpu-prof-dir', dir] to profile the broker. */
  readonly nodeArgs?: readonly string[];
}

export class BrokerProcess {
  private constructor(
    private readonly child: ChildService,
    readonly dataDir: string,
    private readonly ownsDataDir: (() => void) | null,
  ) {}

  /** Starts a broker on a free port with a fresh data folder (unless given), and waits until it listens. */
  static async start(options: BrokerProcessOptions = {}): Promise<BrokerProcess> {
    const dir = options.dataDir ? null : tempDir('broker');
    const port = options.port ?? (await freePort());
    const dataDir = options.dataDir ?? dir!.path;
    const args = ['broker', '--listen', `127.0.0.1:${port}`, '--data', dataDir, '--log-level', 'warn', '--group-initial-rebalance-delay-ms', '0', '--group-min-session-timeout-ms', '1000', ...(options.args ?? [])];
    const broker = new BrokerProcess(new ChildService({ label: 'broker', script: 'services/cli/src/main.ts', args, port, nodeArgs: options.nodeArgs }), dataDir, dir ? dir.remove : null);
    await broker.restart();
    return broker;
  }

  get port(): number {
    return this.child.port;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Everything the broker wrote, across restarts. */
  get output(): string {
    return this.child.output;
  }

  /** The running child's process id (tests read /proc/<pid> for its memory), undefined when stopped. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Starts the process again on the same port and data folder (after kill or stop). */
  restart(): Promise<void> {
    return this.child.restart();
  }

  /** SIGKILL: no flush, no clean-shutdown marker. */
  kill(): Promise<void> {
    return this.child.kill();
  }

  /** SIGTERM: a clean shutdown; resolves with the exit code. */
  stop(): Promise<number | null> {
    return this.child.stop();
  }

  /** Stops the broker and deletes its data folder if this object created it. */
  async dispose(): Promise<void> {
    await this.stop();
    this.ownsDataDir?.();
  }
}
