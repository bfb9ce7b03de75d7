import { z } from 'zod';

/**
 * How to connect: the secret the pipeline names (`connection: { secret: acme-erp }`), from the
 * encrypted store. Values may come as text from the store, so numbers are coerced.
 */
export const mysqlSecretsSchema = z.strictObject({
  host: z.string().min(1).meta({ description: 'Host name or IP address of the MySQL or MariaDB server', examples: ['erp-db.internal'] }),
  port: z.coerce.number().int().min(1).max(65535).default(3306).meta({ description: 'TCP port of the server', examples: [3306] }),
  database: z.string().min(1).meta({ description: 'Database (schema) whose tables are offered as streams named <database>.<table>', examples: ['erp'] }),
  user: z.string().min(1).meta({ description: 'User to log in as; it needs SELECT on the tables it reads, nothing more', examples: ['tributary_reader'] }),
  password: z.string().default('').meta({ description: 'Password of the user', examples: ['correct-horse-battery-staple'], writeOnly: true, format: 'password' }),
  ssl: z
    .enum(['disable', 'require', 'verify-full'])
    .default('disable')
    .meta({ description: 'TLS: disable; require (encrypt, accept any certificate); verify-full (encrypt and check the certificate against the system CAs and the host name)', examples: ['verify-full'] }),
});

/** What to offer and how to read: the connector-specific part of a pipeline's source. */
export const mysqlConfigSchema = z.strictObject({
  queries: z
    .array(
      z.strictObject({
        name: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be letters, digits and _, not starting with a digit')
          .meta({ description: 'Stream name of the query, used as `read({ stream })`', examples: ['open_orders'] }),
        sql: z.string().min(1).meta({
          description: 'One SELECT (or WITH ... SELECT) statement without parameters; it is run read-only and wrapped as a subquery so that paging and cursor values are added as bound parameters',
          examples: ["SELECT o.id, o.updated_at, o.total, c.country FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status <> 'draft'"],
        }),
      }),
    )
    .default([])
    .meta({ description: 'Streams defined by a query, offered beside the tables', examples: [[{ name: 'open_orders', sql: "SELECT * FROM orders WHERE status = 'open'" }]] }),
  connectTimeoutMs: z.number().int().min(100).max(600_000).default(10_000).meta({ description: 'How long to wait for a connection before the source counts as unreachable (ms)', examples: [10_000] }),
  statementTimeoutMs: z.number().int().min(0).max(86_400_000).default(300_000).meta({ description: 'Longest one page query may run (ms); 0 for no limit (MariaDB max_statement_time, MySQL max_execution_time)', examples: [300_000] }),
});

export type MysqlSecrets = z.output<typeof mysqlSecretsSchema>;
export type MysqlConfig = z.output<typeof mysqlConfigSchema>;
