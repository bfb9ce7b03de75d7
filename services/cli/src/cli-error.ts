/** A problem with how the command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseHostPort(flag: string, value: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) throw new UsageError(`--${flag} must be HOST:PORT (e.g. 127.0.0.1:9092), got '${value}'`);
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}

export function parseWholeNumber(flag: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${flag} must be a whole number >= ${min}, got '${value}'`);
  return n;
}
