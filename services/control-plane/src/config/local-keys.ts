import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { generateMasterKey } from '@tributary/security';

/**
 * The embedded mode's keys: `npm start` on a bare machine must work without the operator
 * inventing a master key and a JWT secret first, so on first start they are generated into the
 * data folder (mode 0600) and read back afterwards. Production (DATABASE_URL set) never comes
 * here: there the variables are required, so keys live in the deployment's secret store.
 */
export function localKeys(dataDir: string): { masterKeys: string; jwtSecret: string } {
  const file = join(dataDir, 'control-plane', 'keys.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { masterKeys?: unknown; jwtSecret?: unknown };
    if (typeof stored.masterKeys !== 'string' || typeof stored.jwtSecret !== 'string') {
      throw new Error(`${file} is damaged: expected {"masterKeys": "...", "jwtSecret": "..."}`);
    }
    return { masterKeys: stored.masterKeys, jwtSecret: stored.jwtSecret };
  }
  const keys = { masterKeys: `local1:${generateMasterKey()}`, jwtSecret: randomBytes(48).toString('base64url') };
  mkdirSync(join(dataDir, 'control-plane'), { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return keys;
}
