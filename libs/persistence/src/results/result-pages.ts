import type { DataSource } from 'typeorm';
import { resultRecord, resultSelect, resultWhere, type ResultFilter, type ResultOrder, type ResultPosition, type ResultRecord, type ResultRow } from './result-query';

export interface ResultPage {
  readonly items: ResultRecord[];
  /** Where the next page starts; undefined on the last page. */
  readonly next?: ResultPosition;
}

/** One page of a pipeline's results (one row more is read to know whether another page follows). */
export async function readResultPage(dataSource: DataSource, filter: ResultFilter, order: ResultOrder, limit: number, position?: ResultPosition): Promise<ResultPage> {
  const { sql, params } = resultSelect(filter, order, position, limit + 1);
  const rows: ResultRow[] = await dataSource.query(sql, params);
  const items = rows.slice(0, limit).map(resultRecord);
  const last = items.at(-1);
  if (rows.length <= limit || !last) return { items };
  return { items, next: order === 'key' ? { order, afterKey: last.orderKey } : { order, afterRevision: last.revision } };
}

export interface ResultSummary {
  /** Results matching the filter. */
  readonly count: number;
  /** Highest revision of the pipeline's results (any filter aside): where a `tail` starts. Null when empty. */
  readonly latestRevision: string | null;
  readonly firstCalculatedAt: string | null;
  readonly lastCalculatedAt: string | null;
}

export async function summarizeResults(dataSource: DataSource, filter: ResultFilter): Promise<ResultSummary> {
  const { where, params } = resultWhere(filter);
  const [counted]: { count: string; first: Date | null; last: Date | null }[] = await dataSource.query(
    `SELECT count(*) AS count, min(calculated_at) AS first, max(calculated_at) AS last FROM results WHERE ${where.join(' AND ')}`,
    params,
  );
  const [latest]: { revision: string | null }[] = await dataSource.query(
    'SELECT max(revision) AS revision FROM results WHERE tenant_id = $1 AND pipeline = $2',
    [filter.tenantId, filter.pipeline],
  );
  return {
    count: Number(counted.count),
    latestRevision: latest.revision,
    firstCalculatedAt: counted.first?.toISOString() ?? null,
    lastCalculatedAt: counted.last?.toISOString() ?? null,
  };
}
