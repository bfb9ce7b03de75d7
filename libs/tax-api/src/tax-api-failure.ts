import type { ErrorReason } from '@tributary/avro';
import { errorAnswerSchema, type Problem } from './taxman-contract';

/**
 * Every way a TAXMAN call can fail, in one table (as kafkajs's protocol/error.js): whether a
 * later try may succeed (transient: retry through `<p>.retry` with backoff, and count against
 * the circuit) or never will (permanent: the order goes to `<p>.errors` with TAXMAN's answer).
 */
export const TAX_API_FAILURES = {
  TIMEOUT: { transient: true, what: 'TAXMAN did not answer in time' },
  CONNECTION: { transient: true, what: 'TAXMAN could not be reached' },
  SERVER_ERROR: { transient: true, what: 'TAXMAN failed' },
  RATE_LIMITED: { transient: true, what: 'TAXMAN asked to slow down' },
  /** A 2xx that is not a calculation of the order: a proxy's page, a truncated body, a TAXMAN bug. */
  INVALID_ANSWER: { transient: true, what: 'TAXMAN answered something that is not a calculation of this order' },
  CIRCUIT_OPEN: { transient: true, what: 'the circuit to TAXMAN is open; no call was made' },
  REJECTED: { transient: false, what: 'TAXMAN refused the order' },
} as const;

export type TaxApiFailureCode = keyof typeof TAX_API_FAILURES;

/** How much of TAXMAN's answer an error keeps: enough to read, not a whole HTML error page. */
const ANSWER_LIMIT = 2_000;

export class TaxApiFailure extends Error {
  override readonly name = 'TaxApiFailure';
  readonly transient: boolean;

  constructor(
    readonly code: TaxApiFailureCode,
    message: string,
    readonly details: {
      readonly status?: number;
      /** TAXMAN's body, cut to ANSWER_LIMIT characters. */
      readonly answer?: string;
      readonly problems?: readonly Problem[];
      /** From a Retry-After header. */
      readonly retryAfterMs?: number;
      readonly cause?: unknown;
    } = {},
  ) {
    super(`${TAX_API_FAILURES[code].what}: ${message}`, { cause: details.cause });
    this.transient = TAX_API_FAILURES[code].transient;
  }

  /**
   * The ErrorRecord reasons: first the failure with TAXMAN's status and answer, then one reason
   * per problem TAXMAN listed, with its field (the request mirrors TaxOrder, so
   * `lines[0].quantity` names the order's field).
   */
  reasons(): ErrorReason[] {
    const status = this.details.status === undefined ? '' : ` (HTTP ${this.details.status})`;
    const answer = this.details.answer ? `; TAXMAN answered: ${this.details.answer}` : '';
    const first: ErrorReason = { code: `TAX_API_${this.code}`, message: `${this.message}${status}${answer}`, field: null };
    return [first, ...(this.details.problems ?? []).map((p) => ({ code: p.code, message: p.message, field: p.field }))];
  }
}

/** The statuses worth trying again: a timeout, too early, too many requests, and server errors but those that say "never". */
function transientStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return true;
  return status >= 500 && status !== 501 && status !== 505;
}

/** The failure a non-2xx answer means. */
export function failureOfAnswer(status: number, headers: Record<string, string | string[] | undefined>, body: string, now = Date.now()): TaxApiFailure {
  const answer = body.length > ANSWER_LIMIT ? `${body.slice(0, ANSWER_LIMIT)}...` : body;
  const parsed = parseErrorAnswer(body);
  const message = parsed ? `${parsed.code}: ${parsed.message}` : `HTTP ${status}`;
  const retryAfterMs = retryAfterOf(headers['retry-after'], now);
  const details = { status, answer, problems: parsed?.problems ?? [], ...(retryAfterMs !== undefined && { retryAfterMs }) };
  if (status === 429) return new TaxApiFailure('RATE_LIMITED', message, details);
  if (transientStatus(status)) return new TaxApiFailure(status >= 500 ? 'SERVER_ERROR' : 'RATE_LIMITED', message, details);
  return new TaxApiFailure('REJECTED', message, details);
}

/** The failure an error thrown by the HTTP client means: no answer came. */
export function failureOfError(error: unknown): TaxApiFailure {
  if (error instanceof TaxApiFailure) return error;
  const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
  const text = code ? `${code}: ${message}` : String(message ?? error);
  const timedOut = name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
  return new TaxApiFailure(timedOut ? 'TIMEOUT' : 'CONNECTION', text, { cause: error });
}

function parseErrorAnswer(body: string): { code: string; message: string; problems: Problem[] } | undefined {
  try {
    const parsed = errorAnswerSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

/** Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterOf(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
