import { z } from 'zod';

/** How the control plane reaches Kafka and the schema registry, and how its scheduler runs. */
export interface PlatformStreamConfig {
  /** Absent: no Kafka; routes that need it (apply, run, replay) answer 503 naming KAFKA_BROKERS. */
  readonly kafka?: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    /** Run events on `_tributary.runs` are Avro (schemas/run-event.avsc), so a registry is required. */
    readonly schemaRegistryUrl: string;
  };
  readonly scheduler: {
    readonly enabled: boolean;
    /** How often the leader looks for due schedules and followers try to become leader. */
    readonly tickMs: number;
  };
}

const BROKER = /^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/;

const ENV = z
  .object({
    KAFKA_BROKERS: z
      .string()
      .transform((text) => text.split(',').map((b) => b.trim()).filter(Boolean))
      .refine((list) => list.length > 0 && list.every((b) => BROKER.test(b)), 'must be a comma-separated list of host:port')
      .optional(),
    KAFKA_CLIENT_ID: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be 1 to 100 of [A-Za-z0-9._-]').default('tributary-control-plane'),
    SCHEMA_REGISTRY_URL: z.string().regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL').optional(),
    TRIBUTARY_SCHEDULER: z.enum(['on', 'off']).default('on'),
    TRIBUTARY_SCHEDULER_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  })
  .superRefine((env, ctx) => {
    if (env.KAFKA_BROKERS && !env.SCHEMA_REGISTRY_URL) {
      ctx.addIssue({ code: 'custom', path: ['SCHEMA_REGISTRY_URL'], message: 'is required when KAFKA_BROKERS is set (run events are Avro)' });
    }
  });

/**
 * Reads the stream and scheduler variables from `env` (empty values already removed). Returns
 * one line per variable at fault, without echoing values, for the caller's ConfigError.
 */
export function parsePlatformStreamConfig(env: Record<string, string | undefined>): { config: PlatformStreamConfig } | { problems: string[] } {
  const parsed = ENV.safeParse(env);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`) };
  const e = parsed.data;
  return {
    config: {
      kafka: e.KAFKA_BROKERS ? { brokers: e.KAFKA_BROKERS, clientId: e.KAFKA_CLIENT_ID, schemaRegistryUrl: e.SCHEMA_REGISTRY_URL!.replace(/\/+$/, '') } : undefined,
      scheduler: { enabled: e.TRIBUTARY_SCHEDULER === 'on', tickMs: e.TRIBUTARY_SCHEDULER_TICK_MS },
    },
  };
}
