import { randomBytes } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import type { SourceBatch } from '@tributary/connectors';
import { mysqlConfigSchema, mysqlSecretsSchema, type MysqlConfig, type MysqlSecrets } from '../mysql-config';

/** The local MariaDB the tests run against. */
export const LOCAL_MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'test' };

/** A database of its own for one spec file (MySQL's schema), dropped with everything in it by `drop()`. */
export async function scratchDatabase(label: string): Promise<{
  name: string;
  admin: Connection;
  secrets: MysqlSecrets;
  config: (extra?: Partial<MysqlConfig>) => MysqlConfig;
  drop: () => Promise<void>;
}> {
  const name = `tributary_${label}_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ ...LOCAL_MARIADB, multipleStatements: false });
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.query(`USE \`${name}\``);
  return {
    name,
    admin,
    secrets: mysqlSecretsSchema.parse({ ...LOCAL_MARIADB, database: name }),
    config: (extra = {}) => mysqlConfigSchema.parse(extra),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

export async function collect(batches: AsyncIterable<SourceBatch>): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

export function fieldOf(batches: readonly SourceBatch[], field: string): unknown[] {
  return batches.flatMap((batch) => batch.records.map((record) => record.value[field]));
}
