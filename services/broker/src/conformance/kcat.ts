/**
 * Runs kcat (librdkafka's command-line client; CI installs it with apt, `KCAT` overrides the
 * binary) against the broker, so a second, independent Kafka client judges the wire protocol.
 * Every run has a deadline: a kcat that hangs is killed and the test fails with its stderr
 * instead of hanging the suite.
 */
import { spawn } from 'node:child_process';

const KCAT = process.env.KCAT ?? 'kcat';

export interface KcatResult {
  /** Exit code, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface KcatProcess {
  readonly pid: number | undefined;
  /** What kcat printed so far. */
  stdout(): Buffer;
  stderr(): string;
  /** Resolves when kcat exits by itself. */
  readonly exited: Promise<KcatResult>;
  /** SIGTERM: kcat closes its consumer cleanly (commits, leaves the group), then exits. */
  stop(): Promise<KcatResult>;
}

/** Starts kcat and leaves it running (a group member, a consumer without -e). */
export function startKcat(args: readonly string[], input?: Buffer | string): KcatProcess {
  const child = spawn(KCAT, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  // kcat may exit before reading all of its input (a bad option); that is its answer, not ours.
  child.stdin.on('error', () => undefined);
  if (input !== undefined) child.stdin.end(input);
  const exited = new Promise<KcatResult>((resolve, reject) => {
    child.once('error', (e) => reject(new Error(`cannot run ${KCAT} (is kcat installed?): ${e.message}`)));
    child.once('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err }));
  });
  return {
    pid: child.pid,
    stdout: () => Buffer.concat(out),
    stderr: () => err,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs kcat to its end; kills it and rejects (with what it printed) if it outlives `timeoutMs`. */
export async function runKcat(
  args: readonly string[],
  options: { input?: Buffer | string; timeoutMs?: number } = {},
): Promise<KcatResult> {
  const run = startKcat(args, options.input);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (run.pid !== undefined) process.kill(run.pid, 'SIGKILL');
      reject(new Error(`kcat ${args.join(' ')} did not finish within ${timeoutMs} ms; stderr:\n${run.stderr()}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([run.exited, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Like runKcat, but a non-zero exit is an error that carries kcat's stderr. */
export async function kcatOk(args: readonly string[], options: { input?: Buffer | string; timeoutMs?: number } = {}): Promise<KcatResult> {
  const result = await runKcat(args, options);
  if (result.code !== 0) throw new Error(`kcat ${args.join(' ')} exited with ${result.code ?? result.signal}:\n${result.stderr}`);
  return result;
}

/**
 * A `-f` format that keeps keys and values byte-exact: a text line with the lengths, then the
 * raw key and value bytes (which may hold newlines or any byte), then a newline.
 * Headers are printed as kcat's `n=v` CSV, so tests keep header values to plain text.
 */
export const KCAT_RECORD_FORMAT = '%p %o %T %K %S [%h]\\n%k%s\\n';

export interface KcatRecord {
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** kcat's `n=v,n=v` rendering; '' when the record has none. */
  readonly headers: string;
}

/** Parses what kcat printed with KCAT_RECORD_FORMAT. */
export function parseKcatRecords(stdout: Buffer): KcatRecord[] {
  const records: KcatRecord[] = [];
  let pos = 0;
  while (pos < stdout.length) {
    const eol = stdout.indexOf(0x0a, pos);
    if (eol < 0) throw new Error(`kcat output ends inside a record header at byte ${pos}`);
    const line = stdout.toString('utf8', pos, eol);
    const match = /^(\d+) (\d+) (-?\d+) (-?\d+) (-?\d+) \[(.*)\]$/.exec(line);
    if (!match) throw new Error(`unexpected kcat record header at byte ${pos}: ${JSON.stringify(line)}`);
    const [, partition, offset, timestamp, keyLength, valueLength, headers] = match;
    pos = eol + 1;
    const take = (length: number): Buffer | null => {
      if (length < 0) return null;
      const bytes = stdout.subarray(pos, pos + length);
      pos += length;
      return Buffer.from(bytes);
    };
    const key = take(Number(keyLength));
    const value = take(Number(valueLength));
    if (stdout[pos] !== 0x0a) throw new Error(`kcat record at offset ${offset} does not end where its lengths say`);
    pos++;
    records.push({ partition: Number(partition), offset: Number(offset), timestamp: Number(timestamp), key, value, headers });
  }
  return records;
}
