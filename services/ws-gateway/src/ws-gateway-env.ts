import { optionalVariable } from '@tributary/service-runtime';
import { z } from 'zod';

/** The gateway's own variables (the base ones, KAFKA_BROKERS and the rest, come from the runtime). */
export const WS_GATEWAY_ENV = {
  DATABASE_URL: z.string({ error: 'is required: the PostgreSQL (or embedded PGlite server) holding users and API keys' }).regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  TRIBUTARY_JWT_SECRET: z.string({ error: "is required: the control plane's access-token secret" }).min(32, 'must be at least 32 bytes, as the control plane requires'),
  /** The websocket listener (health and metrics stay on PORT). */
  WS_HOST: optionalVariable(z.string().min(1)).default('127.0.0.1'),
  WS_PORT: optionalVariable(z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535)).default(8090),
  WS_PATH: optionalVariable(z.string().regex(/^\/[\w/.-]*$/, 'must be a URL path')).default('/v1/results'),
  /** Results waiting for one client, above which it is closed as a slow consumer (bytes). */
  WS_MAX_QUEUED_BYTES: optionalVariable(z.coerce.number().int().min(4096)).default(4 * 1024 * 1024),
  /** Bytes handed to one client's socket and not yet written, above which sending waits. */
  WS_SOCKET_HIGH_WATER_BYTES: optionalVariable(z.coerce.number().int().min(1024)).default(1024 * 1024),
  WS_AUTH_TIMEOUT_MS: optionalVariable(z.coerce.number().int().min(100)).default(10_000),
  /** How long a pipeline's live reader outlives its last subscriber (ms). */
  WS_FEED_IDLE_MS: optionalVariable(z.coerce.number().int().min(0)).default(30_000),
};
