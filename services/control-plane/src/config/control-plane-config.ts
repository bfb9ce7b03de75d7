import { join } from 'node:path';
import { z } from 'zod';
import { parseKeyring, type Keyring } from '@tributary/security';
import { parsePlatformStreamConfig, type PlatformStreamConfig } from '../pipelines/platform-stream-config';

/**
 * Everything the control plane reads from its environment, parsed once at start. An empty
 * variable counts as unset (compose files and shells often export `VAR=`).
 */
export interface ControlPlaneConfig {
  readonly host: string;
  readonly port: number;
  /** Absent: the embedded PGlite in `<dataDir>/postgres`. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  /** Folder of the tenants' file areas (`<fileRoot>/<tenant>`): file connections are confined to theirs. */
  readonly fileRoot: string;
  /** Master keys for secrets at rest; the first is current. */
  readonly keyring: Keyring;
  readonly jwtSecret: string;
  readonly accessTokenTtlSeconds: number;
  /** How long a login session's refresh token trades for access tokens. */
  readonly sessionTtlSeconds: number;
  readonly bootstrapAdmin?: { readonly email: string; readonly password: string };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** KAFKA_BROKERS, SCHEMA_REGISTRY_URL and the scheduler's settings (see platform-stream-config.ts). */
  readonly stream: PlatformStreamConfig;
}

/** Bad configuration. The message names each variable at fault and never echoes a value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const KEYRING_VARIABLE = 'TRIBUTARY_MASTER_KEYS';

const ENV = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    TRIBUTARY_DATA_DIR: z.string().default('.tributary'),
    TRIBUTARY_FILE_ROOT: z.string().optional(),
    [KEYRING_VARIABLE]: z.string().optional(),
    TRIBUTARY_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    TRIBUTARY_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    TRIBUTARY_SESSION_TTL_SECONDS: z.coerce.number().int().min(300).max(90 * 86_400).default(7 * 86_400),
    TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL: z.email('must be an email address').optional(),
    TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (!!env.TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL !== !!env.TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD) {
      const missing = env.TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL ? 'TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD' : 'TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with the other TRIBUTARY_BOOTSTRAP_ADMIN_* variable' });
    }
  });

/**
 * Parses `env`. Keys may come from `fallbackKeys` (the embedded mode's generated keys, see
 * local-keys.ts) when the variables are unset; with neither, the variable is named as missing.
 */
export function parseControlPlaneConfig(
  env: Record<string, string | undefined>,
  fallbackKeys?: (dataDir: string) => { masterKeys: string; jwtSecret: string },
): ControlPlaneConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ENV.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`).join('\n'));
  }
  const e = parsed.data;
  const stream = parsePlatformStreamConfig(present);
  if ('problems' in stream) throw new ConfigError(stream.problems.join('\n'));
  const needFallback = !e[KEYRING_VARIABLE] || !e.TRIBUTARY_JWT_SECRET;
  const fallback = needFallback && !e.DATABASE_URL && fallbackKeys ? fallbackKeys(e.TRIBUTARY_DATA_DIR) : undefined;
  const keyringText = e[KEYRING_VARIABLE] ?? fallback?.masterKeys;
  const jwtSecret = e.TRIBUTARY_JWT_SECRET ?? fallback?.jwtSecret;
  const missing = [!keyringText && KEYRING_VARIABLE, !jwtSecret && 'TRIBUTARY_JWT_SECRET'].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((name) => `${name}: is required when DATABASE_URL is set`).join('\n'));
  }
  let keyring: Keyring;
  try {
    keyring = parseKeyring(keyringText!, KEYRING_VARIABLE);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.TRIBUTARY_DATA_DIR,
    fileRoot: e.TRIBUTARY_FILE_ROOT ?? join(e.TRIBUTARY_DATA_DIR, 'files'),
    keyring,
    jwtSecret: jwtSecret!,
    accessTokenTtlSeconds: e.TRIBUTARY_ACCESS_TOKEN_TTL_SECONDS,
    sessionTtlSeconds: e.TRIBUTARY_SESSION_TTL_SECONDS,
    bootstrapAdmin: e.TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL
      ? { email: e.TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL.toLowerCase(), password: e.TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD! }
      : undefined,
    logLevel: e.LOG_LEVEL,
    stream: stream.config,
  };
}
