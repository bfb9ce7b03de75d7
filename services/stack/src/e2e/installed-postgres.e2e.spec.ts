/**
 * `tributary start --database-url`: the stack on an installed PostgreSQL (a new database on this
 * machine's server) instead of PGlite. The platform's tables, the ERP table a source reads and the
 * results all live in that database, the data folder holds no embedded one, and stopping the
 * stack leaves the database to its owner.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '@tributary/persistence';
import { Client } from 'pg';
import { badFieldOf } from '../demo/sample-orders';
import { E2EPlatform, eventually } from './e2e-platform';
import { erpPipeline, erpTenant } from './erp-tenant';

const ORDERS = 120;

async function count(url: string, sql: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql)).rows[0].n;
  } finally {
    await client.end();
  }
}

describe('the stack on an installed PostgreSQL', { timeout: 300_000 }, () => {
  let database: ScratchDatabase;
  let platform: E2EPlatform | undefined;

  before(async () => {
    database = await createScratchDatabase();
    // Written as a user would, without PostgreSQL's default port: every program and the ERP
    // source's connection secret must take it as 5432.
    platform = await E2EPlatform.start({ databaseUrl: database.url.replace(/:5432\//, '/') });
  });

  after(async () => {
    await platform?.stop();
    await database?.drop();
  });

  test('a run reads its ERP table from that database and writes its results there; no PGlite folder', async () => {
    const stack = platform!;
    assert.equal(stack.stack.urls.database, database.url.replace(/:5432\//, '/'));
    await erpTenant(stack, 'installed', ORDERS);
    await stack.apply('installed', erpPipeline('installed', 'erp-orders'));
    const runId = await stack.runNow('installed', 'erp-orders');
    await eventually(async () => ['succeeded', 'failed', 'cancelled'].includes((await stack.run('installed', runId)).status), `run ${runId} to end`, 180_000, 500);
    assert.equal((await stack.run('installed', runId)).status, 'succeeded');

    let good = 0;
    for (let n = 1; n <= ORDERS; n++) if (badFieldOf(n) === undefined) good++;
    assert.equal(await count(database.url, `SELECT count(*)::int AS n FROM results WHERE tenant_id = 'installed' AND pipeline = 'erp-orders'`), good);
    assert.equal(await count(database.url, `SELECT count(*)::int AS n FROM tenants WHERE id = 'installed'`), 1);
    assert.equal(existsSync(join(stack.dataDir, 'postgres')), false, 'the data folder holds no embedded database');
  });

  test('stopping the stack leaves the database and its data', async () => {
    await platform!.stop();
    platform = undefined;
    assert.equal(await count(database.url, `SELECT count(*)::int AS n FROM tenants WHERE id = 'installed'`), 1);
  });
});
