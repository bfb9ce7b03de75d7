import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EmbeddedPostgres } from './embedded-postgres';
import { ENTITIES, MIGRATIONS } from './schema';

export interface DatabaseOptions {
  /** A `postgres://` URL. Absent: the embedded PGlite in `<dataDir>/postgres`. */
  readonly url?: string;
  /** The platform's data folder (`TRIBUTARY_DATA_DIR`); used only by the embedded database. */
  readonly dataDir: string;
  /** Connections in the pool (default 10 for PostgreSQL, 4 for the embedded database). */
  readonly poolSize?: number;
}

export interface Database {
  readonly dataSource: DataSource;
  readonly mode: 'postgres' | 'embedded';
  /** Answers when the database answers a query; throws otherwise (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Any fixed number: it only has to be the same for every control-plane instance. */
const MIGRATION_LOCK = 5_470_001;

/**
 * Connects, applies pending migrations, and returns the open database. Both modes end in the
 * same TypeORM DataSource over the `pg` driver; only where the URL comes from differs.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const embedded = options.url ? undefined : await EmbeddedPostgres.start(join(options.dataDir, 'postgres'));
  const url = options.url ?? embedded!.url;
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    applicationName: 'tributary-control-plane',
    logging: false,
    extra: { max: options.poolSize ?? (embedded ? 4 : 10) },
  });
  try {
    await dataSource.initialize();
    await migrate(dataSource);
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw err;
  }
  return {
    dataSource,
    mode: embedded ? 'embedded' : 'postgres',
    ping: async () => {
      await dataSource.query('SELECT 1');
    },
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/**
 * Applies pending migrations, each in its own transaction, while holding a session advisory
 * lock so that two instances starting together never run the same migration twice.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}
