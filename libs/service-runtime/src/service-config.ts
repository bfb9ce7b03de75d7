import { z } from 'zod';

/** Bad configuration: the message names each variable at fault and never echoes a value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** An empty variable counts as unset (compose files and shells often export `VAR=`). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const url = (what: string) => z.url({ error: `must be ${what} URL` });

/** What every stage service reads (DESIGN.md "What every service does the same way"). */
export const BASE_ENV = {
  KAFKA_BROKERS: optional(z.string().regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port...]')).default('127.0.0.1:9092'),
  SCHEMA_REGISTRY_URL: optional(url('an http(s)')).default('http://127.0.0.1:8081'),
  HOST: optional(z.string().min(1)).default('127.0.0.1'),
  /** Health and metrics (and the service's own HTTP API, if it has one); 0 picks a free port. */
  PORT: optional(z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535)),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])).default('info'),
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(url('an http(s)')),
  TRIBUTARY_DATA_DIR: optional(z.string().min(1)).default('.tributary'),
  KAFKA_CLIENT_ID: optional(z.string().min(1)),
  /**
   * How long a stage instance that stopped answering (killed, hung) keeps its partitions before
   * its consumer groups hand them to the others; heartbeats go every tenth of it.
   */
  KAFKA_SESSION_TIMEOUT_MS: optional(z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(6_000).max(300_000)).default(30_000),
};

export type BaseConfig = z.output<z.ZodObject<typeof BASE_ENV>>;

/**
 * The base variables and a service's own, parsed once at start with one schema. Every fault is
 * listed, one line each, `NAME: what is wrong`.
 */
export function parseServiceEnv<S extends z.ZodRawShape>(own: S, env: NodeJS.ProcessEnv): BaseConfig & z.output<z.ZodObject<S>> {
  const schema = z.object({ ...BASE_ENV, ...own });
  const result = schema.safeParse(env);
  if (result.success) return result.data as BaseConfig & z.output<z.ZodObject<S>>;
  const lines = result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError([...new Set(lines)].join('\n'));
}

/** An optional variable for a service's own shape, empty counted as unset. */
export { optional as optionalVariable };
