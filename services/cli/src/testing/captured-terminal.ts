import { Readable, Writable } from 'node:stream';
import { main } from '../main';
import type { Terminal } from '../terminal/terminal';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliCall {
  /** Piped to the command's stdin (not a terminal). */
  stdin?: string;
  env?: Record<string, string | undefined>;
  /** Aborted to play Ctrl-C. */
  interrupt?: AbortSignal;
}

/** Runs `tributary ...args` in-process with captured output, piped stdin and only the given environment. */
export async function runCli(args: string[], call: CliCall = {}): Promise<CliOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const terminal: Terminal = {
    stdout: collector(out),
    stderr: collector(err),
    stdin: Readable.from(call.stdin === undefined ? [] : [Buffer.from(call.stdin)]),
    env: { ...call.env },
    interrupted: call.interrupt ?? new AbortController().signal,
  };
  const code = await main(args, terminal);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function collector(into: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      into.push(chunk.toString('utf8'));
      done();
    },
  });
}
