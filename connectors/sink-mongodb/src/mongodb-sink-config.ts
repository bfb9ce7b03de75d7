import { z } from 'zod';

const mongoName = (what: string) =>
  z
    .string()
    .min(1)
    .max(120)
    .regex(/^[^$\0/\\. "]+(\.[^$\0/\\. "]+)*$/, `a MongoDB ${what} name: no $, spaces, quotes, slashes or empty parts`);

/**
 * Where to write, as a pipeline's `sinks: - mongodb: { collection: tax_results }` says it (the
 * sink's `connection: { secret }` names the secret these come from).
 */
export const mongodbSinkConfigSchema = z.strictObject({
  collection: mongoName('collection')
    .default('tax_results')
    .meta({ description: 'Collection the records are upserted into, one document per (tenant, pipeline, key)', examples: ['tax_results'] }),
  database: mongoName('database')
    .regex(/^[^.]+$/, 'a MongoDB database name has no dots')
    .optional()
    .meta({ description: "Database of the collection; default: the connection string's database, else 'tributary'", examples: ['tributary'] }),
});

/** How to connect: from the secret store, or from MONGODB_URL for the platform's own store. */
export const mongodbSinkSecretsSchema = z.strictObject({
  url: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'a MongoDB connection string, mongodb:// or mongodb+srv://')
    .meta({
      description: 'MongoDB connection string (credentials, hosts, replica set, TLS and the rest as options)',
      examples: ['mongodb://tributary:secret@mongo-0:27017,mongo-1:27017/tributary?replicaSet=rs0'],
      writeOnly: true,
      format: 'password',
    }),
  connectTimeoutMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(10_000)
    .meta({ description: 'How long to wait for a server before the store counts as unreachable (ms)', examples: [10_000] }),
});

export type MongodbSinkConfig = z.output<typeof mongodbSinkConfigSchema>;
export type MongodbSinkSecrets = z.output<typeof mongodbSinkSecretsSchema>;

export const DEFAULT_DATABASE = 'tributary';
