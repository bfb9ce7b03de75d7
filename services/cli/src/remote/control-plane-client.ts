import { AuthError, UsageError } from '../cli-error';
import type { Credential, RemoteSettings } from './remote-settings';

/** A field the control plane found at fault: `path` dotted, spec faults with their line:column. */
export interface RemoteIssue {
  readonly path: string;
  readonly message: string;
  readonly pointer?: string;
  readonly line?: number;
  readonly column?: number;
}

/** The control plane answered with an error (4xx other than 401/403, or 5xx): exit code 1. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';

  constructor(
    readonly status: number,
    message: string,
    readonly issues: readonly RemoteIssue[] = [],
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

/** An access token this close to its expiry is renewed before it is sent. */
const RENEW_BEFORE_MS = 30_000;

/**
 * The control plane's REST API over global fetch. Answers are JSON; errors become RemoteError
 * (with the answer's message and field issues) or AuthError (401, 403: exit code 3). A password
 * login's access token is renewed from its session when it is about to run out, or is refused
 * anyway, so `tail` and `run --follow` outlive it; the renewed token is kept for later commands.
 */
export class ControlPlaneClient {
  private whoami?: Promise<{ tenantId: string; platformAdmin: boolean; label: string; role: string }>;
  private credential: Credential | undefined;
  private renewing?: Promise<void>;

  constructor(readonly settings: RemoteSettings) {
    this.credential = settings.credential;
  }

  get url(): string {
    return this.settings.url;
  }

  /** The tenant to act in: the flag, variable or login's, else the credential's own. */
  async tenant(): Promise<string> {
    if (this.settings.tenant) return this.settings.tenant;
    const me = await this.identity();
    if (me.platformAdmin) throw new UsageError('a platform admin acts in any tenant: name one with --tenant ID or TRIBUTARY_TENANT');
    return me.tenantId;
  }

  identity(): Promise<{ tenantId: string; platformAdmin: boolean; label: string; role: string }> {
    this.whoami ??= this.call('GET', '/auth/whoami');
    return this.whoami;
  }

  async call<T>(method: string, path: string, options: { body?: unknown; query?: Query; anonymous?: boolean } = {}): Promise<T> {
    const response = await this.send(method, path, options);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The raw answer of a successful request, for downloads streamed to a file. */
  async send(method: string, path: string, options: { body?: unknown; query?: Query; anonymous?: boolean } = {}): Promise<Response> {
    const renewable = !options.anonymous && this.credential?.session !== undefined;
    if (renewable && Date.parse(this.credential!.expiresAt ?? '') - Date.now() < RENEW_BEFORE_MS) await this.renew();
    let response = await this.fetch(method, path, options);
    if (response.status === 401 && renewable) {
      await response.body?.cancel();
      await this.renew();
      response = await this.fetch(method, path, options);
    }
    if (response.ok) return response;
    throw await this.failure(response, options.anonymous === true);
  }

  private async fetch(method: string, path: string, options: { body?: unknown; query?: Query; anonymous?: boolean }): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (!options.anonymous) Object.assign(headers, credentialHeaders(this.credential));
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const url = this.url + path + queryString(options.query);
    try {
      return await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`cannot reach the control plane at ${this.url} (${cause?.code ?? cause?.message ?? (err as Error).message}); is it running? Point --url or TRIBUTARY_URL at it`);
    }
  }

  /** Trades the session's refresh token for a new access token (one trade at a time), and keeps it. */
  private renew(): Promise<void> {
    this.renewing ??= (async () => {
      const credential = this.credential!;
      const session = credential.session!;
      let answer: { accessToken: string; expiresIn: number };
      try {
        answer = await this.call('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken }, anonymous: true });
      } catch (err) {
        if (err instanceof AuthError) throw new AuthError(`the login session has ended (${err.message}); run 'tributary login' again`);
        throw err;
      }
      const expiresAt = new Date(Date.now() + answer.expiresIn * 1000).toISOString();
      this.credential = { ...credential, secret: answer.accessToken, expiresAt };
      session.keep(answer.accessToken, expiresAt);
    })().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async failure(response: Response, anonymous: boolean): Promise<Error> {
    const text = await response.text();
    let body: { message?: string; issues?: RemoteIssue[] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text.slice(0, 200) || response.statusText };
    }
    const message = body.message ?? `the control plane answered ${response.status}`;
    if (response.status === 401 && anonymous) return new AuthError(message);
    if (response.status === 401) {
      const credential = this.credential;
      if (!credential) return new AuthError(`not logged in: run 'tributary login', or set TRIBUTARY_API_KEY or TRIBUTARY_TOKEN`);
      const fix = credential.source === 'login' ? "run 'tributary login' again" : `check ${credential.source}`;
      return new AuthError(`the control plane refused the credential (${message}); ${fix}`);
    }
    if (response.status === 403) return new AuthError(message);
    return new RemoteError(response.status, message, body.issues ?? []);
  }
}

function credentialHeaders(credential: Credential | undefined): Record<string, string> {
  if (!credential) return {};
  return credential.kind === 'api-key' ? { 'x-api-key': credential.secret } : { authorization: `Bearer ${credential.secret}` };
}

function queryString(query: Query | undefined): string {
  const entries = Object.entries(query ?? {}).filter((e): e is [string, string | number | boolean] => e[1] !== undefined);
  return entries.length === 0 ? '' : '?' + new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString();
}

/** `/tenants/acme/pipelines/erp-orders`: each segment escaped. */
export function route(...segments: string[]): string {
  return '/' + segments.map(encodeURIComponent).join('/');
}
