/**
 * Why a connector could not do what it was asked, as one table (in the manner of kafkajs'
 * protocol/error.js): the runtime retries only what is `retriable`, with its own backoff,
 * because retry loops never live in a connector. A bad row is not an error: it is an
 * InvalidRow in its batch.
 */
export const CONNECTOR_FAILURES = {
  config: { retriable: false, description: 'The config or read options are wrong: an unknown stream, a missing key field, a bad query' },
  unreachable: { retriable: true, description: 'The source cannot be reached: DNS, refused or reset connections, timeouts' },
  auth: { retriable: false, description: 'The source refused the credentials' },
  denied: { retriable: false, description: 'The credentials are fine but may not read this' },
  'not-found': { retriable: false, description: 'The database, table or folder does not exist' },
  'source-error': { retriable: true, description: 'The source failed while reading for another reason' },
} as const;

export type ConnectorFailureCode = keyof typeof CONNECTOR_FAILURES;

/** The one error class connectors throw from discover() and read(). Messages never hold secrets. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly retriable: boolean;

  constructor(
    readonly code: ConnectorFailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.retriable = CONNECTOR_FAILURES[code].retriable;
  }
}

/** What check() answers: reachable and readable, or the reason it is not (never a throw). */
export type CheckResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: ConnectorFailureCode; readonly reason: string };

/** The CheckResult of a failure caught while checking. */
export function failedCheck(error: unknown): CheckResult {
  if (error instanceof ConnectorError) return { ok: false, code: error.code, reason: error.message };
  return { ok: false, code: 'source-error', reason: error instanceof Error ? error.message : String(error) };
}

/** `text` with every occurrence of each secret replaced, for messages built from driver errors. */
export function withoutSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 1) result = result.split(secret).join('[REDACTED]');
  }
  return result;
}
