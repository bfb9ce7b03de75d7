/**
 * Exit codes scripts can trust: 0 done; 1 it failed (the control plane refused or failed, a run
 * failed, a file was invalid); 2 the command was called wrongly; 3 the credential is missing,
 * invalid, expired, or not allowed to do this.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, auth: 3 } as const;

/** A problem with how the command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** No usable credential, or the control plane answered 401/403: exit code 3. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
}

/** The command ran but did not succeed, already explained to the user: exit code 1, no further message. */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';

  constructor() {
    super('failed');
  }
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return EXIT.usage;
  if (err instanceof AuthError) return EXIT.auth;
  return EXIT.failure;
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
