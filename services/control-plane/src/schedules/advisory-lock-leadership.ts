import { Client } from 'pg';

export interface LeadershipLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Leadership among scheduler instances through a PostgreSQL session advisory lock, held on a
 * connection of its own: whoever's `pg_try_advisory_lock` succeeds leads until that session
 * ends. When the leader's connection dies (its process crashed, the network went, an operator
 * terminated the backend), PostgreSQL releases the lock and the next instance to try takes it.
 *
 * The leader does its work on this same connection (see `connection`), so a leader whose
 * session is gone cannot commit anything as leader: it notices on its next query and steps down.
 * In the embedded database (PGlite) every connection shares one session, which is fine there:
 * one process owns the data folder.
 */
export class AdvisoryLockLeadership {
  private client: Client | undefined;
  private leading = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly lockKey: number,
    private readonly logger: LeadershipLogger,
    private readonly name: string,
  ) {}

  get isLeader(): boolean {
    return this.leading && this.client !== undefined;
  }

  /** The leader's connection, holding the lock; undefined when not leading. */
  get connection(): Client | undefined {
    return this.isLeader ? this.client : undefined;
  }

  /** Leads if it already does or can take the lock now; never waits for it. */
  async tryLead(): Promise<boolean> {
    if (this.isLeader) return true;
    try {
      const client = await this.connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [this.lockKey]);
      if (rows[0]?.locked && this.client === client) {
        this.leading = true;
        this.logger.info({ scheduler: this.name }, 'this scheduler instance is the leader');
      }
    } catch (err) {
      this.lost(err as Error);
    }
    return this.isLeader;
  }

  /** The connection failed under the leader's work: step down and reconnect on the next try. */
  lost(err: Error): void {
    const client = this.client;
    if (this.leading) this.logger.warn({ scheduler: this.name, err: err.message }, 'lost scheduler leadership: its database connection failed');
    this.leading = false;
    this.client = undefined;
    client?.end().catch(() => undefined);
  }

  /** Gives the lock up (a clean shutdown): another instance leads at its next try. */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    const wasLeading = this.leading;
    this.leading = false;
    if (!client) return;
    if (wasLeading) await client.query('SELECT pg_advisory_unlock($1)', [this.lockKey]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.databaseUrl, application_name: `tributary-scheduler ${this.name}` });
    // An idle connection that dies reports here, not through a query.
    client.on('error', (err) => {
      if (this.client === client) this.lost(err);
    });
    client.on('end', () => {
      if (this.client === client) this.lost(new Error('the connection ended'));
    });
    await client.connect();
    this.client = client;
    return client;
  }
}
