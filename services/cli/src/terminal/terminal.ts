/**
 * Where a command reads and writes, and what it may know of its environment. Commands take it
 * instead of touching `process` so the tests can run them in-process against a real control
 * plane, with their own streams, environment, home folder and Ctrl-C.
 */
export interface Terminal {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  readonly env: NodeJS.ProcessEnv;
  /** Aborted by Ctrl-C (SIGINT) or SIGTERM: long-running commands (tail, run --follow) stop cleanly. */
  readonly interrupted: AbortSignal;
}

/**
 * The real one: process streams and environment. SIGINT and SIGTERM abort `interrupted`, but
 * only once a command has asked for it: a listener would otherwise take away Node's default
 * (exit at once) from commands that do not handle Ctrl-C. A second Ctrl-C exits as usual.
 */
export function processTerminal(): Terminal {
  let controller: AbortController | undefined;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    get interrupted() {
      if (!controller) {
        const created = new AbortController();
        process.once('SIGINT', () => created.abort());
        process.once('SIGTERM', () => created.abort());
        controller = created;
      }
      return controller.signal;
    },
  };
}

export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(text + '\n');
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
