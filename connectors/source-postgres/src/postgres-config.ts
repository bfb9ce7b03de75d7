import { z } from 'zod';

/**
 * How to connect: the secret the pipeline names (`connection: { secret: acme-erp }`), from the
 * encrypted store. Values may come as text from the store, so numbers are coerced.
 */
export const postgresSecretsSchema = z.strictObject({
  host: z.string().min(1).meta({ description: 'Host name or IP address of the PostgreSQL server', examples: ['erp-db.internal'] }),
  port: z.coerce.number().int().min(1).max(65535).default(5432).meta({ description: 'TCP port of the server', examples: [5432] }),
  database: z.string().min(1).meta({ description: 'Database to read', examples: ['erp'] }),
  user: z.string().min(1).meta({ description: 'Role to log in as; it needs SELECT on the tables it reads, nothing more', examples: ['tributary_reader'] }),
  password: z.string().default('').meta({ description: 'Password of the role', examples: ['correct-horse-battery-staple'], writeOnly: true, format: 'password' }),
  ssl: z
    .enum(['disable', 'require', 'verify-full'])
    .default('disable')
    .meta({ description: 'TLS: disable; require (encrypt, accept any certificate); verify-full (encrypt and check the certificate against the system CAs and the host name)', examples: ['verify-full'] }),
});

const queryName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be letters, digits and _, not starting with a digit')
  .meta({ description: 'Stream name of the query, used as `read({ stream })`', examples: ['open_orders'] });

/** What to offer and how to read: the connector-specific part of a pipeline's source. */
export const postgresConfigSchema = z.strictObject({
  schemas: z
    .array(z.string().min(1))
    .min(1)
    .default(['public'])
    .meta({ description: 'Schemas whose tables, views and materialized views are offered as streams named <schema>.<table>', examples: [['public', 'sales']] }),
  queries: z
    .array(
      z.strictObject({
        name: queryName,
        sql: z.string().min(1).meta({
          description: 'One SELECT (or WITH ... SELECT) statement without parameters; it is run read-only and wrapped as a subquery so that paging and cursor values are added as bound parameters',
          examples: ["SELECT o.id, o.updated_at, o.total, c.country FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status <> 'draft'"],
        }),
      }),
    )
    .default([])
    .meta({ description: 'Streams defined by a query, offered beside the tables', examples: [[{ name: 'open_orders', sql: "SELECT * FROM orders WHERE status = 'open'" }]] }),
  connectTimeoutMs: z.number().int().min(100).max(600_000).default(10_000).meta({ description: 'How long to wait for a connection before the source counts as unreachable (ms)', examples: [10_000] }),
  statementTimeoutMs: z.number().int().min(0).max(86_400_000).default(300_000).meta({ description: 'Longest one page query may run (ms); 0 for no limit', examples: [300_000] }),
});

export type PostgresSecrets = z.output<typeof postgresSecretsSchema>;
export type PostgresConfig = z.output<typeof postgresConfigSchema>;

/** Where and as whom a secret connects (for pg's Client and Pool): TLS as its `ssl` says. */
export function pgConnectionOf(secrets: PostgresSecrets): { host: string; port: number; database: string; user: string; password: string; ssl: false | { rejectUnauthorized: boolean } } {
  return {
    host: secrets.host,
    port: secrets.port,
    database: secrets.database,
    user: secrets.user,
    password: secrets.password,
    ssl: secrets.ssl === 'disable' ? false : { rejectUnauthorized: secrets.ssl === 'verify-full' },
  };
}
