import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Connections: a tenant's named source connector, its config, and the name of the secret it
 * connects with. The secret is a name, not a foreign key, like a pipeline's
 * `source.connection.secret`: a secret may be stored after the connection that names it, and
 * replacing it never touches this row. Names follow the pipeline names' grammar.
 */
export class Connections1764720000000 implements MigrationInterface {
  readonly name = 'Connections1764720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE connections (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id    text NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
        name         text NOT NULL CHECK (name ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(name) <= 63),
        connector    text NOT NULL,
        config       jsonb NOT NULL DEFAULT '{}',
        secret_name  text,
        description  text,
        last_check   jsonb,
        created_by   text NOT NULL,
        updated_by   text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT connections_tenant_name_unique UNIQUE (tenant_id, name)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS connections`);
  }
}
