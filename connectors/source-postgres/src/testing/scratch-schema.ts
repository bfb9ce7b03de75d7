import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { SourceBatch } from '@tributary/connectors';
import { postgresConfigSchema, postgresSecretsSchema, type PostgresConfig, type PostgresSecrets } from '../postgres-config';

/** The local PostgreSQL the tests run against (trust auth on 127.0.0.1). */
export const LOCAL_POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

/** A schema of its own for one spec file, dropped with everything in it by `drop()`. */
export async function scratchSchema(label: string): Promise<{
  name: string;
  admin: Client;
  secrets: PostgresSecrets;
  config: (extra?: Partial<PostgresConfig>) => PostgresConfig;
  drop: () => Promise<void>;
}> {
  const name = `tributary_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Client(LOCAL_POSTGRES);
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${admin.escapeIdentifier(name)}`);
  return {
    name,
    admin,
    secrets: postgresSecretsSchema.parse(LOCAL_POSTGRES),
    config: (extra = {}) => postgresConfigSchema.parse({ schemas: [name], ...extra }),
    drop: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${admin.escapeIdentifier(name)} CASCADE`);
      await admin.end();
    },
  };
}

export async function collect(batches: AsyncIterable<SourceBatch>): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

/** The values of one field of every record, in read order. */
export function fieldOf(batches: readonly SourceBatch[], field: string): unknown[] {
  return batches.flatMap((batch) => batch.records.map((record) => record.value[field]));
}
