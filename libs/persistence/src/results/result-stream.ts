import Cursor from 'pg-cursor';
import type { ClientBase } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { resultRecord, resultSelect, type ResultFilter, type ResultOrder, type ResultRow, type ResultRecord } from './result-query';

export interface ResultStreamOptions {
  readonly order?: ResultOrder;
  /** Rows fetched from PostgreSQL per round trip, and per yielded batch (default 1000). */
  readonly batchSize?: number;
}

/**
 * Every result matching `filter`, in batches, read through a server-side cursor (pg-cursor: the
 * portal's rows are fetched `batchSize` at a time), so memory holds one batch however many rows
 * match. The next batch is fetched only when the consumer asks for it: a slow HTTP client slows
 * the reads instead of filling memory. Breaking out of the loop (a client that hangs up) closes
 * the cursor and returns the connection to the pool.
 *
 * The cursor reads one snapshot: a download is consistent even while the result-writer upserts.
 * It holds one pooled connection until it ends, so callers should bound concurrent streams.
 */
export async function* streamResults(dataSource: DataSource, filter: ResultFilter, options: ResultStreamOptions = {}): AsyncGenerator<ResultRecord[]> {
  const batchSize = options.batchSize ?? 1000;
  const { sql, params } = resultSelect(filter, options.order ?? 'key');
  const runner = dataSource.createQueryRunner();
  let broken: unknown;
  try {
    const client = (await runner.connect()) as ClientBase;
    const cursor = client.query(new Cursor<ResultRow>(sql, params));
    try {
      for (;;) {
        const rows = await cursor.read(batchSize);
        if (rows.length === 0) return;
        yield rows.map(resultRecord);
      }
    } finally {
      await cursor.close().catch((err: unknown) => {
        broken = err;
      });
    }
  } finally {
    await release(runner, broken);
  }
}

/** A connection whose cursor could not be closed is discarded by the pool, not reused. */
async function release(runner: QueryRunner, broken: unknown): Promise<void> {
  const withError = runner as QueryRunner & { releasePostgresConnection?: (err?: unknown) => Promise<void> };
  if (broken !== undefined && withError.releasePostgresConnection) await withError.releasePostgresConnection(broken);
  else await runner.release();
}
