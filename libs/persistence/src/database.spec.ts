import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '@tributary/testing';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';
import { migrate, openDatabase, type Database } from './database';
import { MIGRATIONS } from './schema';
import { TenantEntity } from './tenants/tenant.entity';
import { UserEntity } from './users/user.entity';
import { SecretEntity } from './secrets/secret.entity';
import { AuditEntryEntity } from './audit/audit-entry.entity';

describe('the control-plane database on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  const data = tempDir('persistence');

  before(async () => {
    scratch = await createScratchDatabase();
    database = await openDatabase({ url: scratch.url, dataDir: data.path });
  });
  after(async () => {
    await database?.close();
    await scratch?.drop();
    data.remove();
  });

  test('opening applies every migration and records it', async () => {
    const rows: { name: string }[] = await database.dataSource.query('SELECT name FROM migrations ORDER BY id');
    assert.deepEqual(rows.map((r) => r.name), MIGRATIONS.map((m) => new m().name));
    assert.equal(database.mode, 'postgres');
  });

  test('migrating again applies nothing', async () => {
    assert.deepEqual(await migrate(database.dataSource), []);
  });

  test('two instances migrating at once apply each migration once', async () => {
    const second = await createScratchDatabase();
    try {
      const [a, b] = await Promise.all([
        openDatabase({ url: second.url, dataDir: data.path }),
        openDatabase({ url: second.url, dataDir: data.path }),
      ]);
      const rows: unknown[] = await a.dataSource.query('SELECT name FROM migrations');
      assert.equal(rows.length, MIGRATIONS.length);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await second.drop();
    }
  });

  test('ping answers while the database is up', async () => {
    await database.ping();
  });

  test('the entities round-trip through the tables the migration created', async () => {
    const ds = database.dataSource;
    await ds.getRepository(TenantEntity).insert({ id: 'acme', displayName: 'Acme' });
    const user = await ds.getRepository(UserEntity).save({ tenantId: 'acme', email: 'a@acme.test', passwordHash: 'h', role: 'admin', platformAdmin: false });
    assert.match(user.id, /^[0-9a-f-]{36}$/);
    await ds.getRepository(SecretEntity).insert({ tenantId: 'acme', name: 'erp', sealed: 's', keyId: 'k1', updatedBy: user.id });
    await ds.getRepository(AuditEntryEntity).insert({
      tenantId: 'acme', actorKind: 'user', actorId: user.id, actorLabel: user.email,
      action: 'secret.write', target: 'secret:erp', before: null, after: { name: 'erp', keyId: 'k1' },
    });
    const entry = await ds.getRepository(AuditEntryEntity).findOneByOrFail({ tenantId: 'acme' });
    assert.deepEqual(entry.after, { name: 'erp', keyId: 'k1' });
    assert.ok(entry.at instanceof Date);
  });

  test('the schema refuses what the application must never write', async () => {
    const ds = database.dataSource;
    const refuses = (sql: string, params: unknown[] = []) => assert.rejects(ds.query(sql, params));
    await refuses(`INSERT INTO tenants (id, display_name) VALUES ('Not A Slug', 'x')`);
    await refuses(`INSERT INTO users (email, password_hash, role, platform_admin) VALUES ('nobody@x.test', 'h', 'admin', true)`);
    await refuses(`INSERT INTO users (tenant_id, email, password_hash, role) VALUES ('acme', 'UPPER@x.test', 'h', 'admin')`);
    await refuses(`INSERT INTO secrets (tenant_id, name, sealed, key_id, updated_by) VALUES ('acme', 'erp', 's', 'k1', 'u')`);
    await refuses(`INSERT INTO api_keys (key_id, tenant_id, name, hash, role, created_by) VALUES ('k', 'ghost', 'n', 'h', 'admin', 'u')`);
  });

  test('down migrations remove every table', async () => {
    const third = await createScratchDatabase();
    try {
      const db = await openDatabase({ url: third.url, dataDir: data.path });
      for (let i = 0; i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration();
      const tables: { table_name: string }[] = await db.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      assert.deepEqual(tables, []);
      await db.close();
    } finally {
      await third.drop();
    }
  });
});
