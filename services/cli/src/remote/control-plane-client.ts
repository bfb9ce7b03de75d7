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

/**
 * The control plane's REST API over global fetch. Answers are JSON; errors become RemoteError
 * (with the answer's message and field issues) or AuthError (401, 403: exit code 3).
 */
export class ControlPlaneClient {
  private whoami?: Promise<{ tenantId: string; platformAdmin: boolean; label: string; role: string }>;

  constructor(readonly settings: RemoteSettings) {}

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
    const headers: Record<string, string> = { accept: 'application/json' };
    if (!options.anonymous) Object.assign(headers, credentialHeaders(this.settings.credential));
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const url = this.url + path + queryString(options.query);
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`cannot reach the control plane at ${this.url} (${cause?.code ?? cause?.message ?? (err as Error).message}); is it running? Point --url or TRIBUTARY_URL at it`);
    }
    if (response.ok) return response;
    throw await this.failure(response, options.anonymous === true);
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
      const credential = this.settings.credential;
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
