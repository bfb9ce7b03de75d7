import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { createScratchDatabase } from '@tributary/persistence';

/** The servers on this machine: PostgreSQL and MariaDB, both trusting 127.0.0.1 as root. */
const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

export interface ErpDatabase {
  /** The secret's fields that reach it (JSON object, as `secrets set` stores one). */
  readonly secret: { host: string; port: number; database: string; user: string; password: string };
  drop(): Promise<void>;
}

/** A scratch PostgreSQL database holding `public.orders`, as a customer's ERP would. */
export async function postgresErp(): Promise<ErpDatabase> {
  const scratch = await createScratchDatabase();
  const url = new URL(scratch.url);
  const client = new Client({ connectionString: scratch.url });
  await client.connect();
  try {
    await client.query('CREATE TABLE orders (order_id text PRIMARY KEY, total numeric(12,2) NOT NULL, updated_at timestamptz NOT NULL)');
  } finally {
    await client.end();
  }
  return {
    secret: { host: url.hostname, port: Number(url.port || 5432), database: url.pathname.slice(1), user: decodeURIComponent(url.username), password: '' },
    drop: () => scratch.drop(),
  };
}

/** A scratch MariaDB database holding `orders`. */
export async function mariadbErp(): Promise<ErpDatabase> {
  const database = `tributary_cp_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(MARIADB);
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.query(`CREATE TABLE \`${database}\`.orders (order_id varchar(32) PRIMARY KEY, total decimal(12,2) NOT NULL, updated_at datetime(3) NOT NULL)`);
  return {
    secret: { ...MARIADB, database },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.end();
    },
  };
}
