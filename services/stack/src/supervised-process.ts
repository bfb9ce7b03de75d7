import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The port it serves on once up (its health, or its protocol). */
  readonly port: number;
}

export type ProcessEvent = { name: string; kind: 'started' | 'exited' | 'restarting' | 'gave-up'; detail?: string };

/** Crashes this close together count as a crash loop. */
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 5;
const STOP_GRACE_MS = 15_000;

/**
 * One program of the stack, kept running: an exit nobody asked for restarts it after a growing
 * pause (0.5 s, 1 s, 2 s...); five crashes within a minute give up on it and say so, rather than
 * spinning. Its output is passed to `onOutput` line by line, prefixed by the caller.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private crashes: number[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  /** Resolves when the current child exits. */
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly spec: ProcessSpec,
    private readonly onOutput: (name: string, line: string) => void,
    private readonly onEvent: (event: ProcessEvent) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the program and resolves once its port accepts connections. */
  async start(timeoutMs = 120_000): Promise<void> {
    this.stopping = false;
    this.spawnChild();
    await waitForPort(this.spec, () => this.child, timeoutMs);
    this.onEvent({ name: this.spec.name, kind: 'started', detail: `pid ${this.child?.pid}` });
  }

  /** SIGKILL, as a crash would: the supervisor restarts it. Resolves once it is back up. */
  async crash(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = this.exited;
    child.kill('SIGKILL');
    await exited;
    await waitForPort(this.spec, () => this.child, 120_000, child.pid);
  }

  /** SIGTERM and wait (SIGKILL after a grace period); no restart. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = this.exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  private spawnChild(): void {
    const { command, args, env, cwd, name } = this.spec;
    // Its own process group: a terminal's Ctrl-C reaches only the supervisor, which stops the
    // programs in order (stage services before the broker they commit to).
    const child = spawn(command, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) if (line.length > 0) this.onOutput(name, line);
      });
    }
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        resolve();
        if (this.child === child) this.child = undefined;
        this.onEvent({ name, kind: 'exited', detail: signal ? `signal ${signal}` : `code ${code}` });
        if (!this.stopping) this.scheduleRestart();
      });
    });
  }

  private scheduleRestart(): void {
    const now = Date.now();
    this.crashes = [...this.crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
    if (this.crashes.length > MAX_CRASHES) {
      this.onEvent({ name: this.spec.name, kind: 'gave-up', detail: `${this.crashes.length} exits within ${CRASH_WINDOW_MS / 1000} s` });
      return;
    }
    const delay = 500 * 2 ** (this.crashes.length - 1);
    this.onEvent({ name: this.spec.name, kind: 'restarting', detail: `in ${delay} ms` });
    this.restartTimer = setTimeout(() => {
      if (!this.stopping) this.spawnChild();
    }, delay);
  }
}

/** Resolves once `spec.port` accepts a connection from a child other than `notPid`. */
async function waitForPort(spec: ProcessSpec, current: () => ChildProcess | undefined, timeoutMs: number, notPid?: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const child = current();
    if (child && child.pid !== notPid && child.exitCode === null) {
      const open = await new Promise<boolean>((resolve) => {
        const socket = connect(spec.port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
      if (open) return;
    }
    if (Date.now() > deadline) throw new Error(`${spec.name} did not listen on port ${spec.port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
