import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pool } from 'pg';
import { tempDir } from '@tributary/testing';
import { openDatabase, type Database } from '../database';
import { createScratchDatabase, type ScratchDatabase } from '../scratch-database';
import { readResultPage, summarizeResults } from './result-pages';
import type { ResultFilter, ResultOrder, ResultPosition, ResultRecord } from './result-query';
import { streamResults } from './result-stream';
import { insertSampleResults, sampleTaxResult } from './sample-tax-results';
import { taxResultProblems } from './tax-result-document';
import { upsertResults } from './upsert-results';

const RUN = '7c1e2f0a-0000-4000-8000-000000000001';

describe('reading results: keyset pages, filters, summaries and cursor streams', () => {
  let scratch: ScratchDatabase;
  let database: Database;
  const data = tempDir('results-read');
  const acme: ResultFilter = { tenantId: 'acme', pipeline: 'orders' };

  before(async () => {
    scratch = await createScratchDatabase();
    database = await openDatabase({ url: scratch.url, dataDir: data.path });
    await database.dataSource.query(`INSERT INTO tenants (id, display_name) VALUES ('acme', 'Acme'), ('globex', 'Globex')`);
    // 250 orders ORD-000001..ORD-000250, one minute apart from 2025-01-01; 50 more of one run.
    await insertSampleResults(database.dataSource, 'acme', 'orders', 250);
    await insertSampleResults(database.dataSource, 'acme', 'orders', 50, { keyPrefix: 'RUN-', runId: RUN, start: new Date('2025-02-01T00:00:00Z') });
    await insertSampleResults(database.dataSource, 'globex', 'orders', 10);
    await insertSampleResults(database.dataSource, 'acme', 'returns', 10);
  });
  after(async () => {
    await database?.close();
    await scratch?.drop();
    data.remove();
  });

  async function everyPage(filter: ResultFilter, order: ResultOrder, limit: number): Promise<{ pages: number; items: ResultRecord[] }> {
    const items: ResultRecord[] = [];
    let position: ResultPosition | undefined;
    let pages = 0;
    do {
      const page = await readResultPage(database.dataSource, filter, order, limit, position);
      items.push(...page.items);
      position = page.next;
      pages++;
    } while (position);
    return { pages, items };
  }

  test('the generated sample rows are valid TaxResults', async () => {
    const page = await readResultPage(database.dataSource, acme, 'key', 1);
    assert.deepEqual(taxResultProblems(page.items[0].result, 'acme', 'orders'), []);
  });

  test('pages by key cover every result of the pipeline once, in key order', async () => {
    const { pages, items } = await everyPage(acme, 'key', 40);
    assert.equal(pages, 8);
    assert.equal(items.length, 300);
    const keys = items.map((i) => i.orderKey);
    assert.deepEqual(keys, [...keys].sort());
    assert.equal(new Set(keys).size, 300);
    assert.equal(keys[0], 'ORD-000001');
  });

  test('a row written between two pages does not shift them', async () => {
    const first = await readResultPage(database.dataSource, acme, 'key', 10);
    await upsertResults(database.dataSource, 'acme', 'orders', [{ result: sampleTaxResult('acme', 'orders', 'AAA-before-everything') }]);
    const second = await readResultPage(database.dataSource, acme, 'key', 10, first.next);
    assert.equal(second.items[0].orderKey, 'ORD-000011');
    await database.dataSource.query(`DELETE FROM results WHERE order_key = 'AAA-before-everything'`);
  });

  test('filters: run, calculation time range (inclusive start, exclusive end), key prefix', async () => {
    assert.equal((await everyPage({ ...acme, runId: RUN }, 'key', 100)).items.length, 50);
    const range = await everyPage({ ...acme, since: new Date('2025-01-01T00:10:00Z'), until: new Date('2025-01-01T00:20:00Z') }, 'key', 100);
    assert.deepEqual([range.items.length, range.items[0].orderKey, range.items.at(-1)?.orderKey], [10, 'ORD-000010', 'ORD-000019']);
    const prefixed = await everyPage({ ...acme, keyPrefix: 'ORD-00002' }, 'key', 100);
    assert.deepEqual(prefixed.items.map((i) => i.orderKey), Array.from({ length: 10 }, (_, i) => `ORD-00002${i}`));
  });

  test('a key prefix is literal text: % and _ are not wildcards', async () => {
    assert.equal((await everyPage({ ...acme, keyPrefix: 'ORD_' }, 'key', 100)).items.length, 0);
    assert.equal((await everyPage({ ...acme, keyPrefix: '%' }, 'key', 100)).items.length, 0);
    await upsertResults(database.dataSource, 'acme', 'orders', [{ result: sampleTaxResult('acme', 'orders', '50%_off') }]);
    assert.deepEqual((await everyPage({ ...acme, keyPrefix: '50%_' }, 'key', 100)).items.map((i) => i.orderKey), ['50%_off']);
    await database.dataSource.query(`DELETE FROM results WHERE order_key = '50%_off'`);
  });

  test('by revision, pages follow the order of writing, and afterRevision continues a feed', async () => {
    const { items } = await everyPage(acme, 'revision', 64);
    const revisions = items.map((i) => BigInt(i.revision));
    assert.deepEqual(revisions, [...revisions].sort((a, b) => (a < b ? -1 : 1)));
    const latest = items.at(-1)!.revision;
    assert.deepEqual((await readResultPage(database.dataSource, { ...acme, afterRevision: latest }, 'revision', 10)).items, []);
    await upsertResults(database.dataSource, 'acme', 'orders', [{ result: sampleTaxResult('acme', 'orders', 'ORD-000007', { orderUpdatedAt: '2026-01-01T00:00:00Z' }) }]);
    const changed = await readResultPage(database.dataSource, { ...acme, afterRevision: latest }, 'revision', 10);
    assert.deepEqual(changed.items.map((i) => i.orderKey), ['ORD-000007']);
  });

  test('another tenant or pipeline is never in the answer', async () => {
    const { items } = await everyPage({ tenantId: 'globex', pipeline: 'orders' }, 'key', 100);
    assert.equal(items.length, 10);
    assert.ok(items.every((i) => i.result.tenant === 'globex'));
  });

  test('a summary counts what the filter matches and names where a tail starts', async () => {
    const summary = await summarizeResults(database.dataSource, { ...acme, runId: RUN });
    assert.equal(summary.count, 50);
    assert.equal(summary.firstCalculatedAt, '2025-02-01T00:01:00.000Z');
    const [{ max }] = await database.dataSource.query(`SELECT max(revision) AS max FROM results WHERE tenant_id = 'acme' AND pipeline = 'orders'`);
    assert.equal(summary.latestRevision, max);
    assert.deepEqual(await summarizeResults(database.dataSource, { tenantId: 'acme', pipeline: 'none' }), {
      count: 0,
      latestRevision: null,
      firstCalculatedAt: null,
      lastCalculatedAt: null,
    });
  });

  test('a cursor stream yields every matching row in batches, in key order', async () => {
    const sizes: number[] = [];
    const keys: string[] = [];
    for await (const batch of streamResults(database.dataSource, acme, { batchSize: 64 })) {
      sizes.push(batch.length);
      keys.push(...batch.map((r) => r.orderKey));
    }
    assert.deepEqual(sizes, [64, 64, 64, 64, 44]);
    assert.deepEqual(keys, [...keys].sort());
  });

  test('a stream left early (a client that hangs up) returns its connection to the pool', async () => {
    const pool = (database.dataSource.driver as unknown as { master: Pool }).master;
    for (let i = 0; i < 15; i++) {
      for await (const batch of streamResults(database.dataSource, acme, { batchSize: 10 })) {
        assert.equal(batch.length, 10);
        break;
      }
    }
    assert.equal(pool.idleCount, pool.totalCount);
    assert.equal(pool.waitingCount, 0);
    await database.ping();
  });

  test('a stream that fails (a bad query) rejects and still returns its connection', async () => {
    const pool = (database.dataSource.driver as unknown as { master: Pool }).master;
    const bad = streamResults(database.dataSource, { ...acme, afterRevision: 'not a number' });
    await assert.rejects(bad.next(), /invalid input syntax for type bigint/);
    assert.equal(pool.idleCount, pool.totalCount);
    await database.ping();
  });
});
