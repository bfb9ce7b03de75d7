import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { insertSampleResults, sampleTaxResult, upsertResults, type ResultRecord } from '@tributary/persistence';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { insertPipelineRow } from './testing/pipeline-row';

type Page = { items: ResultRecord[]; nextCursor: string | null };
type ErrorBody = { statusCode: number; message: string; issues?: { path: string; message: string }[] };

const RUN = '0b5c1a52-3f0e-4c1e-9d7e-2a1f00000001';

describe('the results API: pages, filters, summaries and downloads of a pipeline\'s results', () => {
  let cp: ControlPlaneFixture;
  let admin: string;
  let customer: string;
  const base = '/tenants/acme/pipelines/orders/results';

  before(async () => {
    cp = await ControlPlaneFixture.start();
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    admin = await cp.createTenant(root, 'acme');
    await cp.call('POST', '/tenants/acme/users', { token: admin, body: { email: 'buyer@acme.test', password: 'customer password', role: 'customer' } });
    customer = await cp.login('buyer@acme.test', 'customer password');
    const ds = cp.controlPlane.database.dataSource;
    await insertPipelineRow(ds, 'acme', 'orders');
    await insertPipelineRow(ds, 'acme', 'quiet');
    await insertSampleResults(ds, 'acme', 'orders', 120);
    await insertSampleResults(ds, 'acme', 'orders', 30, { keyPrefix: 'RUN-', runId: RUN, start: new Date('2025-03-01T00:00:00Z') });
    // One result with every awkward character a CSV field can hold.
    await upsertResults(ds, 'acme', 'orders', [
      { result: sampleTaxResult('acme', 'orders', 'Q,"quoted"\nline', { calculationId: 'a,b "c"' }), sourceOffset: null },
    ]);
  });
  after(() => cp?.stop());

  test('pages follow nextCursor to the end, every result once, in key order', async () => {
    const keys: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer: { status: number; body: Page } = await cp.call<Page>('GET', `${base}?limit=40${cursor ? `&cursor=${cursor}` : ''}`, { token: customer });
      assert.equal(answer.status, 200);
      keys.push(...answer.body.items.map((i) => i.orderKey));
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 4);
    assert.equal(keys.length, 151);
    assert.deepEqual(keys, [...keys].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
  });

  test('an item carries the indexed columns and the whole TaxResult', async () => {
    const answer = await cp.call<Page>('GET', `${base}?keyPrefix=ORD-000042`, { token: admin });
    const [item] = answer.body.items;
    assert.equal(item.orderKey, 'ORD-000042');
    assert.equal(item.calculatedAt, '2025-01-01T00:42:00.000Z');
    assert.equal(item.totalTax, '42.2500');
    assert.equal(item.sourceOffset, 'row:42');
    assert.equal(item.result.lines.length, 3);
    assert.equal(item.result.totalTax, '42.2500');
  });

  test('filters by run, time range and key prefix', async () => {
    const run = await cp.call<Page>('GET', `${base}?run=${RUN}&limit=1000`, { token: admin });
    assert.equal(run.body.items.length, 30);
    const range = await cp.call<Page>('GET', `${base}?since=2025-01-01T01:00:00Z&until=2025-01-01T01:30:00Z`, { token: admin });
    assert.deepEqual([range.body.items.length, range.body.items[0].orderKey], [30, 'ORD-000060']);
    const prefix = await cp.call<Page>('GET', `${base}?keyPrefix=RUN-00001`, { token: admin });
    assert.equal(prefix.body.items.length, 10);
  });

  test('order=revision with afterRevision is a feed of what was written since', async () => {
    const summary = await cp.call<{ latestRevision: string }>('GET', `${base}/summary`, { token: admin });
    const empty = await cp.call<Page>('GET', `${base}?order=revision&afterRevision=${summary.body.latestRevision}`, { token: admin });
    assert.deepEqual(empty.body, { items: [], nextCursor: null });
    await upsertResults(cp.controlPlane.database.dataSource, 'acme', 'orders', [
      { result: sampleTaxResult('acme', 'orders', 'ORD-000003', { orderUpdatedAt: '2026-01-01T00:00:00Z' }) },
    ]);
    const feed = await cp.call<Page>('GET', `${base}?order=revision&afterRevision=${summary.body.latestRevision}`, { token: admin });
    assert.deepEqual(feed.body.items.map((i) => i.orderKey), ['ORD-000003']);
  });

  test('a summary counts what the filter matches', async () => {
    const answer = await cp.call('GET', `${base}/summary?run=${RUN}`, { token: customer });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.count, 30);
    assert.equal(answer.body.firstCalculatedAt, '2025-03-01T00:01:00.000Z');
  });

  test('bad queries are 400s naming the parameter', async () => {
    const cases: [string, string[]][] = [
      [`${base}?cursor=garbage`, ['query.cursor']],
      [`${base}?order=revision&cursor=${Buffer.from('{"k":"ORD-1"}').toString('base64url')}`, ['query.cursor']],
      [`${base}?since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z`, ['query.until']],
      [`${base}?limit=5000&afterRevision=-1&colour=red`, ['query', 'query.afterRevision', 'query.limit']],
      [`${base}/download?format=xlsx`, ['query.format']],
      ['/tenants/acme/pipelines/Not_A_Name/results', ['params.pipeline']],
    ];
    for (const [path, paths] of cases) {
      const answer = await cp.call<ErrorBody>('GET', path, { token: admin });
      assert.equal(answer.status, 400, path);
      assert.deepEqual((answer.body.issues ?? []).map((i) => i.path).sort(), paths, path);
    }
  });

  test('a CSV download has a header, one RFC 4180 record per result, awkward fields quoted', async () => {
    const answer = await fetch(`${cp.url}${base}/download?format=csv&keyPrefix=Q`, { headers: { authorization: `Bearer ${customer}` } });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(answer.headers.get('content-disposition'), 'attachment; filename="acme-orders-results.csv"');
    const text = await answer.text();
    const [header, record] = text.split('\r\n');
    assert.match(header, /^order_key,run_id,calculated_at,order_updated_at,currency,total_amount,total_taxable,total_exempt,total_tax,calculation_id,source_offset,/);
    assert.ok(record.startsWith('"Q,""quoted""\nline",,2025-01-15T10:00:00.000Z,'));
    assert.ok(text.includes(',"a,b ""c""",'));
  });

  test('an NDJSON download is one record per line, in key order', async () => {
    const answer = await fetch(`${cp.url}${base}/download?format=ndjson&run=${RUN}`, { headers: { authorization: `Bearer ${admin}` } });
    assert.equal(answer.headers.get('content-type'), 'application/x-ndjson');
    const lines = (await answer.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as ResultRecord);
    assert.equal(lines.length, 30);
    assert.equal(lines[0].orderKey, 'RUN-000001');
    assert.equal(lines[0].result.runId, RUN);
  });

  test('a Parquet download reads back with exact decimals and UTC timestamps', async () => {
    const answer = await fetch(`${cp.url}${base}/download?format=parquet&keyPrefix=ORD-00001`, { headers: { authorization: `Bearer ${admin}` } });
    assert.equal(answer.headers.get('content-type'), 'application/vnd.apache.parquet');
    const file = await answer.arrayBuffer();
    const metadata = parquetMetadata(file);
    assert.equal(Number(metadata.num_rows), 10);
    // Stored exactly as decimal(18,4) (an int64 of ten-thousandths); hyparquet reads decimals as floats.
    const { type, converted_type, scale, precision } = metadata.schema.find((e) => e.name === 'total_tax')!;
    assert.deepEqual({ type, converted_type, scale, precision }, { type: 'INT64', converted_type: 'DECIMAL', scale: 4, precision: 18 });
    const rows = await parquetReadObjects({ file });
    assert.equal(rows[0].order_key, 'ORD-000010');
    assert.equal(Math.round((rows[0].total_tax as number) * 1e4), 102_500);
    assert.equal((rows[0].calculated_at as Date).toISOString(), '2025-01-01T00:10:00.000Z');
    assert.equal((rows[0].lines as unknown[]).length, 3);
    assert.equal(rows[0].run_id, null);
  });

  test('a pipeline the tenant never had is a 404 on every route, not an empty answer', async () => {
    for (const path of ['', '/summary', '/download?format=parquet']) {
      const answer = await cp.call<ErrorBody>('GET', `/tenants/acme/pipelines/never/results${path}`, { token: admin });
      assert.deepEqual([answer.status, answer.body.message], [404, "no pipeline 'never' in tenant 'acme'"], path);
    }
  });

  test('an empty download is a valid empty file in every format', async () => {
    for (const format of ['csv', 'ndjson', 'parquet']) {
      const answer = await fetch(`${cp.url}/tenants/acme/pipelines/quiet/results/download?format=${format}`, { headers: { authorization: `Bearer ${admin}` } });
      assert.equal(answer.status, 200, format);
      const bytes = Buffer.from(await answer.arrayBuffer());
      if (format === 'csv') assert.equal(bytes.toString().split('\r\n').filter(Boolean).length, 1);
      if (format === 'ndjson') assert.equal(bytes.length, 0);
      if (format === 'parquet') assert.equal(Number(parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)).num_rows), 0);
    }
  });

  test('a client that hangs up mid-download frees its connection and slot', async () => {
    const ds = cp.controlPlane.database.dataSource;
    const pool = (ds.driver as unknown as { master: { idleCount: number; totalCount: number } }).master;
    for (let i = 0; i < 6; i++) {
      const controller = new AbortController();
      const answer = await fetch(`${cp.url}${base}/download?format=ndjson`, { headers: { authorization: `Bearer ${admin}` }, signal: controller.signal });
      const reader = answer.body!.getReader();
      await reader.read();
      controller.abort();
    }
    // More hang-ups than download slots: if any leaked, this download would be refused.
    const answer = await fetch(`${cp.url}${base}/download?format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    assert.equal(answer.status, 200);
    await answer.arrayBuffer();
    await waitFor(() => pool.idleCount === pool.totalCount);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'condition never became true');
}
