import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '@tributary/testing';
import { openDatabase, type Database } from '../database';
import { createScratchDatabase, type ScratchDatabase } from '../scratch-database';
import { sampleTaxResult } from './sample-tax-results';
import { InvalidTaxResultError, upsertResults } from './upsert-results';

describe('upserting results by (tenant, pipeline, order key)', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  const data = tempDir('results-upsert');
  const stored = async (key: string) =>
    (await database.dataSource.query('SELECT revision, total_tax, result FROM results WHERE order_key = $1', [key]))[0] as
      | { revision: string; total_tax: string; result: { calculationId: string } }
      | undefined;

  before(async () => {
    scratch = await createScratchDatabase();
    database = await openDatabase({ url: scratch.url, dataDir: data.path });
    await database.dataSource.query(`INSERT INTO tenants (id, display_name) VALUES ('acme', 'Acme'), ('globex', 'Globex')`);
  });
  beforeEach(() => database.dataSource.query('DELETE FROM results'));
  after(async () => {
    await database?.close();
    await scratch?.drop();
    data.remove();
  });

  const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();
  const result = (key: string, minute: number, overrides = {}) => ({
    result: sampleTaxResult('acme', 'orders', key, { orderUpdatedAt: at(minute), ...overrides }),
    sourceOffset: `row:${minute}`,
  });

  test('a first result is inserted with its indexed columns and a revision', async () => {
    assert.deepEqual(await upsertResults(database.dataSource, 'acme', 'orders', [result('A-1', 1, { totalTax: '12.3400' })]), { written: 1, skippedOlder: 0 });
    const row = await stored('A-1');
    assert.equal(row?.total_tax, '12.3400');
    assert.match(row!.revision, /^\d+$/);
  });

  test('a newer version of the order replaces the stored result and takes a higher revision', async () => {
    await upsertResults(database.dataSource, 'acme', 'orders', [result('A-1', 1)]);
    const first = await stored('A-1');
    await upsertResults(database.dataSource, 'acme', 'orders', [result('A-1', 2, { calculationId: 'second' })]);
    const second = await stored('A-1');
    assert.equal(second?.result.calculationId, 'second');
    assert.ok(BigInt(second!.revision) > BigInt(first!.revision));
  });

  test('a late result for an older version is skipped; a recalculation of the same version replaces', async () => {
    await upsertResults(database.dataSource, 'acme', 'orders', [result('A-1', 5, { calculationId: 'current' })]);
    assert.deepEqual(await upsertResults(database.dataSource, 'acme', 'orders', [result('A-1', 4, { calculationId: 'stale' })]), { written: 0, skippedOlder: 1 });
    assert.equal((await stored('A-1'))?.result.calculationId, 'current');
    await upsertResults(database.dataSource, 'acme', 'orders', [result('A-1', 5, { calculationId: 'replayed' })]);
    assert.equal((await stored('A-1'))?.result.calculationId, 'replayed');
  });

  test('one key twice in a batch keeps the newest version, then the later entry', async () => {
    const outcome = await upsertResults(database.dataSource, 'acme', 'orders', [
      result('A-1', 3, { calculationId: 'newest' }),
      result('A-1', 1, { calculationId: 'older' }),
      result('A-2', 1, { calculationId: 'first' }),
      result('A-2', 1, { calculationId: 'later' }),
    ]);
    assert.deepEqual(outcome, { written: 2, skippedOlder: 2 });
    assert.equal((await stored('A-1'))?.result.calculationId, 'newest');
    assert.equal((await stored('A-2'))?.result.calculationId, 'later');
  });

  test('a malformed result fails the batch naming its fields, and nothing is written', async () => {
    const bad = result('A-2', 1, { totalTax: '12.345678', currency: 'usd', pipeline: 'other' });
    await assert.rejects(upsertResults(database.dataSource, 'acme', 'orders', [result('A-1', 1), bad]), (err: unknown) => {
      assert.ok(err instanceof InvalidTaxResultError);
      assert.equal(err.index, 1);
      assert.deepEqual(err.problems, ["pipeline must be 'orders'", 'totalTax must be a decimal(18,4) string', 'currency must be an ISO 4217 code']);
      return true;
    });
    assert.equal(await stored('A-1'), undefined);
  });

  test('the same order key in two pipelines or two tenants is two results', async () => {
    await upsertResults(database.dataSource, 'acme', 'orders', [result('A-1', 1)]);
    await upsertResults(database.dataSource, 'acme', 'returns', [{ result: sampleTaxResult('acme', 'returns', 'A-1') }]);
    await upsertResults(database.dataSource, 'globex', 'orders', [{ result: sampleTaxResult('globex', 'orders', 'A-1') }]);
    const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM results WHERE order_key = 'A-1'`);
    assert.equal(count, 3);
  });

  test('writers of one pipeline take turns, so revisions become visible in increasing order', async () => {
    // Another writer is mid-transaction: it holds the pipeline's lock and is about to draw a revision.
    const other = database.dataSource.createQueryRunner();
    await other.startTransaction();
    try {
      await other.query('SELECT pg_advisory_xact_lock(5470010, hashtext($1))', ['acme/orders']);
      const pending = upsertResults(database.dataSource, 'acme', 'orders', [result('LATE', 1)]);
      await waitUntil(async () => {
        const [{ waiting }] = await other.query(`SELECT count(*)::int AS waiting FROM pg_locks
           WHERE locktype = 'advisory' AND classid = 5470010 AND NOT granted
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
        return waiting === 1;
      });
      await other.query(`INSERT INTO results (tenant_id, pipeline, order_key, calculated_at, order_updated_at, total_tax, currency, result)
                         VALUES ('acme', 'orders', 'EARLY', now(), now(), 1, 'USD', '{}')`);
      await other.commitTransaction();
      await pending;
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    const rows: { order_key: string }[] = await database.dataSource.query(`SELECT order_key FROM results ORDER BY revision`);
    assert.deepEqual(rows.map((r) => r.order_key), ['EARLY', 'LATE']);
  });
});

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never became true');
}
