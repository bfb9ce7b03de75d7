import type { InvalidRow, SourceBatch, SourceRecord } from './source-batch';
import type { SourceCursor } from './source-cursor';
import { isInvalidRow } from './row-conversion';

/** A source read page by page, each page starting strictly after a cursor. */
export interface PagedSource<Row> {
  /**
   * The rows after `after`, at most `limit`, in cursor order. Fewer than `limit` means the end:
   * keyset pages (WHERE (cursor, key) > (...) ORDER BY cursor, key LIMIT n) and server-side
   * cursors both keep that promise.
   */
  nextPage(after: SourceCursor, limit: number): Promise<readonly Row[]>;
  /** The row as a record, or as an invalid row. */
  convert(row: Row): SourceRecord | InvalidRow;
  /** The cursor just past `row`, given the one before it. */
  cursorAfter(row: Row, before: SourceCursor): SourceCursor;
}

/**
 * Batches of a paged source, one page a batch, each carrying the cursor after its last row.
 * Pulled: the next page is fetched only when the consumer asks for the next batch.
 */
export async function* pagedBatches<Row>(
  source: PagedSource<Row>,
  options: { cursor: SourceCursor; batchSize: number; signal?: AbortSignal },
): AsyncGenerator<SourceBatch> {
  let cursor = options.cursor;
  for (;;) {
    options.signal?.throwIfAborted();
    const rows = await source.nextPage(cursor, options.batchSize);
    if (rows.length === 0) return;
    const records: SourceRecord[] = [];
    const invalid: InvalidRow[] = [];
    for (const row of rows) {
      const converted = source.convert(row);
      if (isInvalidRow(converted)) invalid.push(converted);
      else records.push(converted);
      cursor = source.cursorAfter(row, cursor);
    }
    yield { records, invalid, cursor };
    if (rows.length < options.batchSize) return;
  }
}
