import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { insertSampleResults } from '@tributary/persistence';
import { tempDir } from '@tributary/testing';
import { ControlPlaneFixture, PLATFORM_ADMIN } from '../testing/control-plane-fixture';
import { insertPipelineRow } from './testing/pipeline-row';

const ROWS = 40_000;
/**
 * Generous (streaming grows the heap and RSS by 10-45 MB), yet under the files: the CSV and
 * NDJSON ones are about 100 MB each, so a download that buffered one would fail.
 */
const BOUND_MB = 75;

// What must stay bounded is what the download keeps alive, not garbage V8 has not collected yet
// (V8 lets a busy heap grow by hundreds of MB before a full collection). So the sampler runs a
// full collection before each reading: its heap figure is live memory. Exposing gc at run time
// is V8's own flag, used by this file only.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

interface Measured {
  file: string;
  bytes: number;
  peakRssGrowthMb: number;
  peakHeapGrowthMb: number;
}

describe(`a ${ROWS.toLocaleString('en')}-row results download streams in bounded memory in every format`, () => {
  let cp: ControlPlaneFixture;
  let token: string;
  const files = tempDir('results-download');

  before(async () => {
    cp = await ControlPlaneFixture.start({ LOG_LEVEL: 'info' });
    const root = await cp.login(PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    token = await cp.createTenant(root, 'acme');
    await insertPipelineRow(cp.controlPlane.database.dataSource, 'acme', 'orders');
    await insertSampleResults(cp.controlPlane.database.dataSource, 'acme', 'orders', ROWS);
  });
  after(async () => {
    await cp?.stop();
    files.remove();
  });

  /** Downloads to a file (the test's side streams too) while sampling this process's memory. */
  async function download(format: string): Promise<Measured> {
    collectGarbage();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sample = () => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    };
    const sampler = setInterval(() => {
      collectGarbage();
      sample();
    }, 250);
    const file = join(files.path, `results.${format}`);
    try {
      const answer = await fetch(`${cp.url}/tenants/acme/pipelines/orders/results/download?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(answer.status, 200);
      await pipeline(Readable.fromWeb(answer.body as WebReadableStream), createWriteStream(file));
    } finally {
      clearInterval(sampler);
      sample();
    }
    return { file, bytes: statSync(file).size, peakRssGrowthMb: mb(peakRss - base.rss), peakHeapGrowthMb: mb(peakHeap - base.heapUsed) };
  }

  function report(t: { diagnostic(message: string): void }, format: string, m: Measured): void {
    const line = `${format}: ${mb(m.bytes)} MB file, peak growth during the download: RSS +${m.peakRssGrowthMb} MB, heap +${m.peakHeapGrowthMb} MB`;
    t.diagnostic(line);
    console.log(line);
    assert.ok(m.peakHeapGrowthMb < BOUND_MB, `heap grew by ${m.peakHeapGrowthMb} MB`);
    assert.ok(m.peakRssGrowthMb < BOUND_MB, `RSS grew by ${m.peakRssGrowthMb} MB`);
  }

  test(`CSV: a header and ${ROWS.toLocaleString('en')} records that parse back`, async (t) => {
    const measured = await download('csv');
    report(t, 'csv', measured);
    let records = 0;
    let first: string[] | undefined;
    let last: string[] | undefined;
    for await (const record of createReadStream(measured.file).pipe(parse({ relax_column_count: false }))) {
      if (records === 1) first = record;
      last = record;
      records++;
    }
    assert.equal(records, ROWS + 1);
    assert.deepEqual([first?.[0], last?.[0]], ['ORD-000001', `ORD-${String(ROWS).padStart(6, '0')}`]);
    assert.equal(JSON.parse(last![12]).length, 3);
  });

  test(`NDJSON: ${ROWS.toLocaleString('en')} lines, each a whole result`, async (t) => {
    const measured = await download('ndjson');
    report(t, 'ndjson', measured);
    let lines = 0;
    let previous = '';
    for await (const line of createInterface({ input: createReadStream(measured.file), crlfDelay: Infinity })) {
      const record = JSON.parse(line) as { orderKey: string; result: { lines: unknown[] } };
      assert.ok(record.orderKey > previous);
      assert.equal(record.result.lines.length, 3);
      previous = record.orderKey;
      lines++;
    }
    assert.equal(lines, ROWS);
  });

  test(`Parquet: ${ROWS.toLocaleString('en')} rows in row groups of 10,000 that read back`, async (t) => {
    const measured = await download('parquet');
    report(t, 'parquet', measured);
    const bytes = readFileSync(measured.file);
    assert.equal(bytes.subarray(0, 4).toString(), 'PAR1');
    assert.equal(bytes.subarray(-4).toString(), 'PAR1');
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    const metadata = parquetMetadata(file);
    assert.equal(Number(metadata.num_rows), ROWS);
    assert.deepEqual(metadata.row_groups.map((g) => Number(g.num_rows)), Array(ROWS / 10_000).fill(10_000));
    const tail = await parquetReadObjects({ file, rowStart: ROWS - 2, rowEnd: ROWS });
    assert.deepEqual(tail.map((r) => r.order_key), [`ORD-${String(ROWS - 1).padStart(6, '0')}`, `ORD-${String(ROWS).padStart(6, '0')}`]);
    assert.equal((tail[1].calculated_at as Date).toISOString(), new Date(Date.UTC(2025, 0, 1) + ROWS * 60_000).toISOString());
  });
});
