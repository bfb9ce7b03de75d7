import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/** A scratch database on this machine's MariaDB (root, no password, on 127.0.0.1) with an `orders` table. */
export async function scratchMariadb(): Promise<{ secret: Record<string, string | number>; drop(): Promise<void> }> {
  const server = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
  const database = `tributary_cli_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(server);
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.query(`CREATE TABLE \`${database}\`.orders (order_id varchar(32) PRIMARY KEY, total decimal(12,2))`);
  return {
    secret: { ...server, database },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.end();
    },
  };
}
