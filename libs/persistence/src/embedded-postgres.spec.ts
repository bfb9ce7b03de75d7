import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '@tributary/testing';
import { EmbeddedPostgres } from './embedded-postgres';
import { openDatabase } from './database';
import { TenantEntity } from './tenants/tenant.entity';

describe('the embedded database (PGlite in the data folder)', () => {
  const data = tempDir('embedded-pg');
  after(() => data.remove());

  test('boots, applies the migrations, keeps its rows across a restart, and refuses a second owner', async () => {
    const first = await openDatabase({ dataDir: data.path });
    try {
      assert.equal(first.mode, 'embedded');
      await first.dataSource.getRepository(TenantEntity).insert({ id: 'acme', displayName: 'Acme' });
      await assert.rejects(EmbeddedPostgres.start(join(data.path, 'postgres')), /already open in this process/);
    } finally {
      await first.close();
    }
    const second = await openDatabase({ dataDir: data.path });
    try {
      const tenants = await second.dataSource.getRepository(TenantEntity).find();
      assert.deepEqual(tenants.map((t) => t.id), ['acme']);
    } finally {
      await second.close();
    }
  });
});
