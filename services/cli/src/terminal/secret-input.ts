import type { Terminal } from './terminal';

/**
 * A secret typed at the terminal without echo (raw mode, one key at a time), or all of stdin
 * when it is a pipe or a file (`tributary secrets set erp < password.txt`). A single trailing
 * newline of piped input is dropped: `echo value |` and files saved by editors end with one.
 */
export async function readSecret(terminal: Terminal, prompt: string): Promise<string> {
  if (terminal.stdin.isTTY && terminal.stdin.setRawMode) return readHidden(terminal, prompt);
  return (await readAll(terminal.stdin)).replace(/\r?\n$/, '');
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** One visible line typed at the terminal (an email address). */
export function readLine(terminal: Terminal, prompt: string): Promise<string> {
  terminal.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end < 0) return;
      cleanup();
      resolve(text.slice(0, end).replace(/\r$/, ''));
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('input ended before a line was entered'));
    };
    const cleanup = () => {
      terminal.stdin.removeListener('data', onData);
      terminal.stdin.removeListener('end', onEnd);
      terminal.stdin.pause();
    };
    terminal.stdin.on('data', onData);
    terminal.stdin.on('end', onEnd);
    terminal.stdin.resume();
  });
}

function readHidden(terminal: Terminal, prompt: string): Promise<string> {
  const { stdin, stderr } = terminal;
  stderr.write(prompt);
  stdin.setRawMode!(true);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.setRawMode!(false);
      stdin.removeListener('data', onData);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('interrupted'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
