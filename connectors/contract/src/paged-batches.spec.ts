import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Misfit } from './misfit';
import { pagedBatches, type PagedSource } from './paged-batches';
import { convertRow } from './row-conversion';
import { START_CURSOR, type SourceCursor } from './source-cursor';
import type { SourceBatch } from './source-batch';

type Row = { at: number; id: number; amount: unknown };

/** What a keyset query does: rows strictly after (cursorValue, lastKey) in (at, id) order, LIMIT n. */
function tableSource(rows: readonly Row[], pages: { count: number } = { count: 0 }): PagedSource<Row> {
  const sorted = [...rows].sort((a, b) => a.at - b.at || a.id - b.id);
  return {
    async nextPage(after, limit) {
      pages.count++;
      const at = after.cursorValue === null ? -Infinity : Number(after.cursorValue);
      const id = after.lastKey === null ? -Infinity : Number(after.lastKey);
      return sorted.filter((r) => r.at > at || (r.at === at && r.id > id)).slice(0, limit);
    },
    convert: (row) =>
      convertRow([row.id, row.amount], [
        { source: 'id', field: 'id', convert: (v) => v },
        { source: 'amount', field: 'amount', convert: (v) => (typeof v === 'number' ? v : new Misfit('TYPE_MISMATCH', 'not a number')) },
      ], `t id=${row.id}`, String(row.id)),
    cursorAfter: (row) => ({ cursorValue: String(row.at), lastKey: String(row.id), state: {} }),
  };
}

async function collect(batches: AsyncIterable<SourceBatch>): Promise<SourceBatch[]> {
  const out: SourceBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

const ids = (batches: SourceBatch[]) => batches.flatMap((b) => [...b.records.map((r) => r.value.id as number), ...b.invalid.map((r) => Number(r.key))]);

describe('pagedBatches', () => {
  test('reads every row once in batches of batchSize, and resuming from any batch cursor reads exactly the rest', async () => {
    // Few distinct cursor values, so many rows tie at every batch boundary.
    const rowsArb = fc.uniqueArray(fc.record({ at: fc.integer({ min: 0, max: 4 }), id: fc.integer({ min: 0, max: 500 }), amount: fc.constant(1) }), { selector: (r) => r.id, maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(rowsArb, fc.integer({ min: 1, max: 7 }), async (rows, batchSize) => {
        const expected = [...rows].sort((a, b) => a.at - b.at || a.id - b.id).map((r) => r.id);
        const batches = await collect(pagedBatches(tableSource(rows), { cursor: START_CURSOR, batchSize }));
        assert.deepEqual(ids(batches), expected);
        assert.ok(batches.every((b) => b.records.length + b.invalid.length <= batchSize));
        for (const [i, batch] of batches.entries()) {
          const seen = ids(batches.slice(0, i + 1)).length;
          const rest = await collect(pagedBatches(tableSource(rows), { cursor: batch.cursor, batchSize }));
          assert.deepEqual(ids(rest), expected.slice(seen));
        }
      }),
    );
  });

  test('puts a row that does not convert in the batch as invalid, with the cursor past it', async () => {
    const rows: Row[] = [{ at: 1, id: 1, amount: 5 }, { at: 1, id: 2, amount: 'five' }, { at: 2, id: 3, amount: 7 }];
    const [batch] = await collect(pagedBatches(tableSource(rows), { cursor: START_CURSOR, batchSize: 10 }));
    assert.deepEqual(batch.records.map((r) => r.value), [{ id: 1, amount: 5 }, { id: 3, amount: 7 }]);
    assert.equal(batch.invalid.length, 1);
    assert.deepEqual(batch.invalid[0].reasons, [{ code: 'TYPE_MISMATCH', message: 'amount: not a number', field: 'amount' }]);
    assert.equal(batch.invalid[0].raw, '{"id":2,"amount":"five"}');
    assert.deepEqual(batch.cursor, { cursorValue: '2', lastKey: '3', state: {} } satisfies SourceCursor);
  });

  test('stops after a short page without asking for another', async () => {
    const pages = { count: 0 };
    const rows: Row[] = [1, 2, 3].map((id) => ({ at: 0, id, amount: 0 }));
    const batches = await collect(pagedBatches(tableSource(rows, pages), { cursor: START_CURSOR, batchSize: 2 }));
    assert.deepEqual(batches.map((b) => b.records.length), [2, 1]);
    assert.equal(pages.count, 2);
  });

  test('fetches nothing ahead of what the consumer pulls', async () => {
    const pages = { count: 0 };
    const rows: Row[] = Array.from({ length: 10 }, (_, id) => ({ at: 0, id, amount: 0 }));
    for await (const _ of pagedBatches(tableSource(rows, pages), { cursor: START_CURSOR, batchSize: 2 })) break;
    assert.equal(pages.count, 1);
  });

  test('throws the abort reason once the signal is aborted', async () => {
    const controller = new AbortController();
    const rows: Row[] = Array.from({ length: 10 }, (_, id) => ({ at: 0, id, amount: 0 }));
    const reason = new Error('run cancelled');
    await assert.rejects(async () => {
      for await (const _ of pagedBatches(tableSource(rows), { cursor: START_CURSOR, batchSize: 2, signal: controller.signal })) controller.abort(reason);
    }, reason);
  });
});
