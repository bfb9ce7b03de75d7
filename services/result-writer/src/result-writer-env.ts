import { optionalVariable } from '@tributary/service-runtime';
import { z } from 'zod';

/** The result-writer's own variables (the base ones, KAFKA_BROKERS and the rest, come from the runtime). */
export const RESULT_WRITER_ENV = {
  DATABASE_URL: z
    .string({ error: 'is required: the PostgreSQL (or the embedded PGlite server) whose results table the results API reads' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  /** The master keys the control plane seals secrets with (`k2:<base64>,k1:<base64>`): postgres sinks with a `connection` need them. */
  TRIBUTARY_MASTER_KEYS: optionalVariable(z.string().min(1)),
  MONGODB_URL: optionalVariable(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URL')),
  /** Results per store write, at most. */
  RESULT_BATCH_SIZE: optionalVariable(z.coerce.number().int().min(1).max(10_000)).default(500),
  /** How long a batch's first result waits for others (ms). */
  RESULT_LINGER_MS: optionalVariable(z.coerce.number().int().min(0).max(1000)).default(5),
};
