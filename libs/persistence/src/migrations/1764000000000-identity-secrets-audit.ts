import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The control plane's foundation: tenants, their users and API keys, sealed secrets and the
 * audit log. Hand-written (never `synchronize`) so that PostgreSQL and the embedded PGlite get
 * exactly the same DDL, and so a reviewer sees every constraint.
 */
export class IdentitySecretsAudit1764000000000 implements MigrationInterface {
  readonly name = 'IdentitySecretsAudit1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenants (
        id            text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,62}$'),
        display_name  text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE users (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id       text NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
        email           text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash   text NOT NULL,
        role            text NOT NULL,
        platform_admin  boolean NOT NULL DEFAULT false,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX users_tenant_idx ON users (tenant_id)`);
    await db.query(`
      CREATE TABLE api_keys (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key_id        text NOT NULL UNIQUE,
        tenant_id     text NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
        name          text NOT NULL,
        hash          text NOT NULL,
        role          text NOT NULL,
        created_by    text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz,
        revoked_at    timestamptz,
        last_used_at  timestamptz
      )`);
    await db.query(`CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id)`);
    await db.query(`
      CREATE TABLE secrets (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id   text NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
        name        text NOT NULL,
        sealed      text NOT NULL,
        key_id      text NOT NULL,
        updated_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT secrets_tenant_name_unique UNIQUE (tenant_id, name)
      )`);
    // Rotation scans for rows sealed under a key other than the current one.
    await db.query(`CREATE INDEX secrets_key_id_idx ON secrets (key_id)`);
    await db.query(`
      CREATE TABLE audit_log (
        id           bigserial PRIMARY KEY,
        tenant_id    text,
        actor_kind   text NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'system')),
        actor_id     text NOT NULL,
        actor_label  text NOT NULL,
        action       text NOT NULL,
        target       text NOT NULL,
        before       jsonb,
        after        jsonb,
        at           timestamptz NOT NULL DEFAULT now()
      )`);
    // No foreign key on tenant_id: the log must outlive what it describes.
    await db.query(`CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'secrets', 'api_keys', 'users', 'tenants']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
