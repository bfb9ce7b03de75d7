import type { TaxResultDocument } from './tax-result-document';

/** Which results of one pipeline: every field optional but the pipeline's identity. */
export interface ResultFilter {
  readonly tenantId: string;
  readonly pipeline: string;
  /** Results of this run only. */
  readonly runId?: string;
  /** calculatedAt >= since (inclusive). */
  readonly since?: Date;
  /** calculatedAt < until (exclusive), so consecutive ranges never share a result. */
  readonly until?: Date;
  /** Order keys starting with this text (byte-wise, case-sensitive). */
  readonly keyPrefix?: string;
  /** Rows written after this revision (a bigint as text). */
  readonly afterRevision?: string;
}

/**
 * `key`: by order key, the stable order for browsing and downloads. `revision`: in the order
 * rows were written, the changes feed that `tail` follows.
 */
export type ResultOrder = 'key' | 'revision';

/** Where a page starts: after this order key (order `key`) or this revision (order `revision`). */
export type ResultPosition = { readonly order: 'key'; readonly afterKey: string } | { readonly order: 'revision'; readonly afterRevision: string };

/** One stored result as the API serves it. */
export interface ResultRecord {
  orderKey: string;
  runId: string | null;
  calculatedAt: string;
  currency: string;
  totalTax: string;
  sourceOffset: string | null;
  revision: string;
  writtenAt: string;
  result: TaxResultDocument;
}

/** The row as pg returns it (numeric and bigint as strings, timestamptz as Date). */
export interface ResultRow {
  order_key: string;
  run_id: string | null;
  calculated_at: Date;
  currency: string;
  total_tax: string;
  source_offset: string | null;
  revision: string;
  written_at: Date;
  result: TaxResultDocument;
}

export const RESULT_COLUMNS = 'order_key, run_id, calculated_at, currency, total_tax, source_offset, revision, written_at, result';

export function resultRecord(row: ResultRow): ResultRecord {
  return {
    orderKey: row.order_key,
    runId: row.run_id,
    calculatedAt: row.calculated_at.toISOString(),
    currency: row.currency,
    totalTax: row.total_tax,
    sourceOffset: row.source_offset,
    revision: row.revision,
    writtenAt: row.written_at.toISOString(),
    result: row.result,
  };
}

/** The WHERE clause (without the keyword) of a filter, with numbered parameters from $1. */
export function resultWhere(filter: ResultFilter): { where: string[]; params: unknown[] } {
  const params: unknown[] = [filter.tenantId, filter.pipeline];
  const where = ['tenant_id = $1', 'pipeline = $2'];
  const add = (condition: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (filter.runId !== undefined) add((n) => `run_id = ${n}`, filter.runId);
  if (filter.since) add((n) => `calculated_at >= ${n}`, filter.since);
  if (filter.until) add((n) => `calculated_at < ${n}`, filter.until);
  if (filter.keyPrefix) add((n) => `order_key LIKE ${n}`, likePrefix(filter.keyPrefix));
  if (filter.afterRevision !== undefined) add((n) => `revision > ${n}::bigint`, filter.afterRevision);
  return { where, params };
}

/**
 * The SELECT for a filter, in `order`, starting after `position`, with numbered parameters.
 * Keyset paging (`order_key > $n`), never OFFSET: page 1000 costs what page 1 costs, and rows
 * written while a reader pages do not shift its pages.
 */
export function resultSelect(filter: ResultFilter, order: ResultOrder, position?: ResultPosition, limit?: number): { sql: string; params: unknown[] } {
  if (position && position.order !== order) throw new Error(`a position in order '${position.order}' cannot continue order '${order}'`);
  const { where, params } = resultWhere(filter);
  if (position) {
    params.push(position.order === 'key' ? position.afterKey : position.afterRevision);
    where.push(position.order === 'key' ? `order_key > $${params.length}` : `revision > $${params.length}::bigint`);
  }
  let sql = `SELECT ${RESULT_COLUMNS} FROM results WHERE ${where.join(' AND ')} ORDER BY ${order === 'key' ? 'order_key' : 'revision'}`;
  if (limit !== undefined) {
    params.push(limit);
    sql += ` LIMIT $${params.length}`;
  }
  return { sql, params };
}

/** `LIKE` pattern for "starts with", the pattern's own wildcards and escape escaped. */
function likePrefix(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}
