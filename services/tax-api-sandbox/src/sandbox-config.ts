import { z } from 'zod';
import type { OutageMode, OutageWindow } from './outage-windows';
import { knobsSchema, type Knobs } from './sandbox-knobs';

export interface SandboxConfig {
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  readonly knobs: Knobs;
  /** Outages planned at offsets from start. */
  readonly outages: readonly OutageWindow[];
  readonly outageMode: OutageMode;
  /** Fixes the fault draws and jitter, for repeatable runs. */
  readonly seed?: number;
  readonly maxKeys: number;
}

/** Bad configuration: the message names each variable at fault. */
export class SandboxConfigError extends Error {
  override readonly name = 'SandboxConfigError';
}

const number = <T extends z.ZodType<unknown, number>>(schema: T) => z.coerce.number({ error: 'must be a number' }).pipe(schema);
const rate = number(z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1'));
const millis = number(z.number().int('must be a whole number of ms').min(0).max(60_000));
/** `30+20,90+10`: down 30 s after start for 20 s, and 90 s after start for 10 s. */
const OUTAGES = /^\s*\d+(\.\d+)?\s*\+\s*\d+(\.\d+)?\s*(,\s*\d+(\.\d+)?\s*\+\s*\d+(\.\d+)?\s*)*$/;

const ENV = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: number(z.number().int().min(0).max(65535)).default(8090),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  SANDBOX_LATENCY_MS: millis.optional(),
  SANDBOX_JITTER_MS: millis.optional(),
  SANDBOX_ERROR_RATE: rate.optional(),
  SANDBOX_ERROR_STATUS: number(z.literal([500, 502, 503, 504], { error: 'must be 500, 502, 503 or 504' })).optional(),
  SANDBOX_THROTTLE_RATE: rate.optional(),
  SANDBOX_RETRY_AFTER_S: number(z.number().int().min(0).max(3_600)).optional(),
  SANDBOX_LOST_ANSWER_RATE: rate.optional(),
  SANDBOX_OUTAGES: z.string().regex(OUTAGES, 'must be START+SECONDS[,START+SECONDS...] in seconds from start, e.g. 30+20').optional(),
  SANDBOX_OUTAGE_MODE: z.enum(['refuse', 'unavailable']).default('refuse'),
  SANDBOX_SEED: number(z.number().int().min(0).max(2 ** 32 - 1)).optional(),
  SANDBOX_MAX_KEYS: number(z.number().int().min(1)).default(1_000_000),
});

/** Parses the sandbox's environment once; an empty variable counts as unset. Throws SandboxConfigError naming every bad variable. */
export function parseSandboxConfig(env: Record<string, string | undefined>): SandboxConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ENV.safeParse(present);
  if (!parsed.success) throw new SandboxConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  const e = parsed.data;
  const knobs = knobsSchema.parse({
    latencyMs: e.SANDBOX_LATENCY_MS,
    jitterMs: e.SANDBOX_JITTER_MS,
    errorRate: e.SANDBOX_ERROR_RATE,
    errorStatus: e.SANDBOX_ERROR_STATUS,
    throttleRate: e.SANDBOX_THROTTLE_RATE,
    retryAfterSeconds: e.SANDBOX_RETRY_AFTER_S,
    lostAnswerRate: e.SANDBOX_LOST_ANSWER_RATE,
    outageMode: e.SANDBOX_OUTAGE_MODE,
  });
  const outages = (e.SANDBOX_OUTAGES ?? '')
    .split(',')
    .filter((w) => w.trim() !== '')
    .map((w) => {
      const [at, length] = w.split('+').map((s) => Number(s.trim()) * 1000);
      return { atMs: at, forMs: length };
    });
  return {
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    knobs,
    outages,
    outageMode: e.SANDBOX_OUTAGE_MODE,
    ...(e.SANDBOX_SEED !== undefined && { seed: e.SANDBOX_SEED }),
    maxKeys: e.SANDBOX_MAX_KEYS,
  };
}
