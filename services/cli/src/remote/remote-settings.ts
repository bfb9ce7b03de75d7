import { UsageError } from '../cli-error';
import { readCredentials, writeCredentials } from './credentials-file';

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export interface Credential {
  readonly kind: 'access-token' | 'api-key';
  readonly secret: string;
  /** Where it came from, for messages: `TRIBUTARY_API_KEY`, `TRIBUTARY_TOKEN` or the file's path. */
  readonly source: 'TRIBUTARY_API_KEY' | 'TRIBUTARY_TOKEN' | 'login';
  /** When the access token stops working (ISO 8601), if known. */
  readonly expiresAt?: string;
  /** A password login's session: how to get a new access token when this one runs out. */
  readonly session?: LoginSession;
}

export interface LoginSession {
  readonly refreshToken: string;
  /** Keeps a renewed access token where the login keeps its credential. */
  keep(accessToken: string, expiresAt: string): void;
}

export interface RemoteSettings {
  readonly url: string;
  readonly credential?: Credential;
  /** The tenant commands act in, when known without asking the control plane. */
  readonly tenant?: string;
}

/**
 * Which control plane, with which credential, in which tenant. Flags win over the environment
 * (TRIBUTARY_URL, TRIBUTARY_API_KEY, TRIBUTARY_TOKEN, TRIBUTARY_TENANT), which wins over what
 * `login` stored. A stored credential is used only with the URL it was issued by: pointing a
 * command at another control plane never sends it there.
 */
export function remoteSettings(flags: { url?: string; tenant?: string }, env: NodeJS.ProcessEnv): RemoteSettings {
  const stored = readCredentials(env);
  const fromEnv = nonEmpty(env.TRIBUTARY_URL);
  const url = normalizeUrl(flags.url ?? fromEnv ?? stored?.url ?? DEFAULT_URL, flags.url !== undefined ? '--url' : fromEnv ? 'TRIBUTARY_URL' : 'the stored url');
  let credential: Credential | undefined;
  let tenant = flags.tenant ?? nonEmpty(env.TRIBUTARY_TENANT);
  const apiKey = nonEmpty(env.TRIBUTARY_API_KEY);
  const token = nonEmpty(env.TRIBUTARY_TOKEN);
  if (apiKey) credential = { kind: 'api-key', secret: apiKey, source: 'TRIBUTARY_API_KEY' };
  else if (token) credential = { kind: 'access-token', secret: token, source: 'TRIBUTARY_TOKEN' };
  else if (stored && normalizeUrl(stored.url, 'the stored url') === url) {
    const { refreshToken, expiresAt } = stored;
    credential = {
      kind: stored.kind,
      secret: stored.secret,
      source: 'login',
      ...(expiresAt && { expiresAt }),
      ...(refreshToken && { session: { refreshToken, keep: (secret: string, renewedUntil: string) => void writeCredentials(env, { ...stored, secret, expiresAt: renewedUntil }) } }),
    };
    if (!stored.platformAdmin) tenant ??= stored.tenant;
  }
  if (tenant !== undefined && !/^[a-z][a-z0-9-]{1,62}$/.test(tenant)) throw new UsageError(`--tenant must be a tenant id (lowercase letters, digits, '-'), got '${tenant}'`);
  return { url, credential, tenant };
}

export function normalizeUrl(text: string, where: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${where} must be a URL like http://127.0.0.1:8080, got '${text}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${where} must be an http:// or https:// URL, got '${text}'`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
