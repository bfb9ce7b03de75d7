import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface AdminCredentials {
  readonly email: string;
  readonly password: string;
}

/**
 * The embedded stack's platform admin: made up on first start and kept in the data folder
 * (mode 0600), so `npm start` on a bare machine needs no invented password and the next start
 * logs in as the same admin. Production sets its own through the control plane's variables.
 */
export function localAdmin(dataDir: string): AdminCredentials {
  const file = join(dataDir, 'stack', 'admin.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<AdminCredentials>;
    if (typeof stored.email !== 'string' || typeof stored.password !== 'string') throw new Error(`${file} is damaged: expected {"email": "...", "password": "..."}`);
    return { email: stored.email, password: stored.password };
  }
  const admin = { email: 'admin@tributary.local', password: randomBytes(18).toString('base64url') };
  mkdirSync(join(dataDir, 'stack'), { recursive: true });
  writeFileSync(file, JSON.stringify(admin, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return admin;
}
