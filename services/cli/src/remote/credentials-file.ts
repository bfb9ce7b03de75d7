import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What `tributary login` keeps: one control plane and one credential for it. */
export interface StoredCredentials {
  /** The control plane the credential belongs to; it is never sent anywhere else. */
  url: string;
  kind: 'access-token' | 'api-key';
  secret: string;
  tenant: string;
  /** A platform admin acts in any tenant: its own ('platform') is no default for tenant commands. */
  platformAdmin: boolean;
  /** The user's email or the API key's name, for `tributary login --status` and messages. */
  identity: string;
  /** Access tokens only: when it stops working (ISO 8601). */
  expiresAt?: string;
  /** Password logins: the session's refresh token, traded for a new access token when one runs out. */
  refreshToken?: string;
  /** When the session ends and a new login is needed (ISO 8601). */
  sessionExpiresAt?: string;
}

/** `$XDG_CONFIG_HOME/tributary/credentials.json`, else `~/.config/tributary/credentials.json`. */
export function credentialsPath(env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? env.USERPROFILE;
  const base = env.XDG_CONFIG_HOME || (home ? join(home, '.config') : undefined);
  if (!base) throw new Error('cannot tell where to keep credentials: set HOME or XDG_CONFIG_HOME');
  return join(base, 'tributary', 'credentials.json');
}

export function readCredentials(env: NodeJS.ProcessEnv): StoredCredentials | undefined {
  const path = credentialsPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const value = JSON.parse(text) as Partial<StoredCredentials>;
  if (typeof value.url !== 'string' || typeof value.secret !== 'string' || typeof value.tenant !== 'string') {
    throw new Error(`${path} is not a credentials file tributary wrote; remove it and log in again`);
  }
  return value as StoredCredentials;
}

/**
 * Writes the file readable by its owner only (0600, folder 0700), through a temporary file and a
 * rename, so a crash never leaves half a credential and no other user ever sees it, even briefly.
 */
export function writeCredentials(env: NodeJS.ProcessEnv, credentials: StoredCredentials): string {
  const path = credentialsPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

export function removeCredentials(env: NodeJS.ProcessEnv): boolean {
  const path = credentialsPath(env);
  try {
    rmSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
