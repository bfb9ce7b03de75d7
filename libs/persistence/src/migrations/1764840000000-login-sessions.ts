import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login sessions: a password login opens one, and its refresh token (kept here as its SHA-256)
 * trades for new short-lived access tokens until the session expires or is ended (logout, a
 * password change). Deleting the user deletes its sessions.
 */
export class LoginSessions1764840000000 implements MigrationInterface {
  readonly name = 'LoginSessions1764840000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE login_sessions (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash    text NOT NULL UNIQUE,
        created_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL,
        last_used_at  timestamptz,
        ended_at      timestamptz
      )`);
    await db.query(`CREATE INDEX login_sessions_user_idx ON login_sessions (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE login_sessions`);
  }
}
