import type { SealedSecretReader } from '@tributary/persistence';
import { pgConnectionOf, postgresSecretsSchema, type PostgresSecrets } from '@tributary/source-postgres';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { OnceUntilFailed } from './once-until-failed';

/** Runs one statement with bound values and resolves with its rows. */
export type SqlQuery = (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** The database a postgres sink's table lives in. */
export interface SinkDatabase {
  /** For store names and logs: `platform`, or the connection secret's name. */
  readonly label: string;
  /** A way to query it now; rejects when it cannot be had (no secret, no master keys). */
  connect(): Promise<SqlQuery>;
  /** A query failed for other reasons than its data: the next connect() starts over, reading the secret again. */
  failed(): void;
}

/** The platform database (DATABASE_URL), through the service's own pool. */
export function platformSinkDatabase(dataSource: DataSource): SinkDatabase {
  const query: SqlQuery = (sql, params) => dataSource.query(sql, params as unknown[]);
  return { label: 'platform', connect: async () => query, failed: () => undefined };
}

/**
 * Tenants' own databases, one small pool per (tenant, connection secret) shared by the sinks that
 * name it. The secret is the one a postgres source connects with (connectors/source-postgres:
 * host, port, database, user, password, ssl) and is read only here, when a pool is opened; after
 * a failure the pool is closed and the next write opens the secret again, so a password an
 * operator corrects with `tributary secrets set` is picked up without a restart.
 */
export class SecretSinkDatabases {
  private readonly databases = new Map<string, SecretSinkDatabase>();

  /** `reader` undefined: no TRIBUTARY_MASTER_KEYS, so no secret can be opened (each connect says so). */
  constructor(private readonly reader: SealedSecretReader | undefined) {}

  of(tenant: string, secret: string): SinkDatabase {
    const id = `${tenant}/${secret}`;
    let database = this.databases.get(id);
    if (!database) {
      database = new SecretSinkDatabase(tenant, secret, this.reader);
      this.databases.set(id, database);
    }
    return database;
  }

  async close(): Promise<void> {
    await Promise.all([...this.databases.values()].map((d) => d.close()));
    this.databases.clear();
  }
}

class SecretSinkDatabase implements SinkDatabase {
  private readonly pool = new OnceUntilFailed(() => this.open());

  constructor(
    private readonly tenant: string,
    readonly label: string,
    private readonly reader: SealedSecretReader | undefined,
  ) {}

  async connect(): Promise<SqlQuery> {
    return (await this.pool.get()).query;
  }

  failed(): void {
    void this.pool.forget()?.then(({ pool: p }) => p.end()).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.pool.forget()?.then(({ pool: p }) => p.end()).catch(() => undefined);
  }

  private async open(): Promise<{ pool: Pool; query: SqlQuery }> {
    if (!this.reader) throw new Error(`this result-writer has no TRIBUTARY_MASTER_KEYS, so it cannot open secret '${this.label}' of tenant '${this.tenant}'`);
    const secrets = connectionOf(await this.reader.open(this.tenant, this.label), this.label);
    const pool = new Pool({
      ...pgConnectionOf(secrets),
      max: 2,
      connectionTimeoutMillis: 10_000,
      application_name: 'tributary-result-writer',
    });
    // An idle connection dropped by the server is an 'error' event; unhandled, it would end the process.
    pool.on('error', () => undefined);
    const where = `${secrets.host}:${secrets.port}/${secrets.database} as ${secrets.user}`;
    const query: SqlQuery = async (sql, params) => {
      try {
        return (await pool.query(sql, params as unknown[])).rows;
      } catch (error) {
        throw located(error, where, secrets.password);
      }
    };
    return { pool, query };
  }
}

/** The secret's text as a PostgreSQL connection; the message names the fields at fault, never a value. */
function connectionOf(text: string, secret: string): PostgresSecrets {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`secret '${secret}' is not JSON; a PostgreSQL connection is stored as a JSON object (host, port, database, user, password)`);
  }
  const parsed = postgresSecretsSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`secret '${secret}' is not a PostgreSQL connection: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(the value)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** The driver's error, saying which database it came from, its SQLSTATE kept (refused-rows.ts reads it), the password cut out should it ever be echoed. */
function located(error: unknown, where: string, password: string): Error {
  const message = String((error as Error)?.message ?? error);
  const clean = password ? message.split(password).join('***') : message;
  return Object.assign(new Error(`postgres ${where}: ${clean}`, { cause: error }), { code: (error as { code?: unknown })?.code });
}
