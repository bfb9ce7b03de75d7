import { z } from 'zod';
import type { ResultFilter, ResultOrder, ResultPosition } from '@tributary/persistence';
import { ApiError } from '../common/api-error';

const DATE_TIME = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
const REVISION = z.string().regex(/^\d{1,19}$/, 'must be a revision (a whole number) from an earlier answer');

/** The filters every results route takes (query parameters). */
const FILTER_FIELDS = {
  run: z.string().min(1).max(100).optional().describe('only results of this run id'),
  since: DATE_TIME.optional().describe('calculatedAt at or after this instant'),
  until: DATE_TIME.optional().describe('calculatedAt before this instant (exclusive)'),
  keyPrefix: z.string().min(1).max(200).optional().describe('order keys starting with this text (case-sensitive)'),
};

const rangeInOrder = (q: { since?: string; until?: string }) => !q.since || !q.until || Date.parse(q.since) < Date.parse(q.until);
const RANGE_ISSUE = { message: 'must be after since', path: ['until'] };

export const RESULT_FILTER_QUERY = z.strictObject(FILTER_FIELDS).refine(rangeInOrder, RANGE_ISSUE);

export const RESULT_PAGE_QUERY = z
  .strictObject({
    ...FILTER_FIELDS,
    afterRevision: REVISION.optional().describe('only results written after this revision (what `tail` follows)'),
    order: z.enum(['key', 'revision']).default('key').describe('key: by order key; revision: in the order results were written'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: z.string().max(400).optional().describe('the nextCursor of the previous page'),
  })
  .refine(rangeInOrder, RANGE_ISSUE);

export const RESULT_DOWNLOAD_QUERY = z
  .strictObject({ ...FILTER_FIELDS, format: z.enum(['csv', 'ndjson', 'parquet']).default('csv') })
  .refine(rangeInOrder, RANGE_ISSUE);

export function resultFilter(tenantId: string, pipeline: string, query: z.output<typeof RESULT_FILTER_QUERY> & { afterRevision?: string }): ResultFilter {
  return {
    tenantId,
    pipeline,
    runId: query.run,
    since: query.since ? new Date(query.since) : undefined,
    until: query.until ? new Date(query.until) : undefined,
    keyPrefix: query.keyPrefix,
    afterRevision: query.afterRevision,
  };
}

/**
 * Page cursors are opaque to callers (base64url of the last key or revision and the order it
 * belongs to), so the paging scheme can change without breaking clients that pass them back.
 */
export function encodeCursor(position: ResultPosition): string {
  const value = position.order === 'key' ? { k: position.afterKey } : { r: position.afterRevision };
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string, order: ResultOrder): ResultPosition {
  let value: { k?: unknown; r?: unknown } | undefined;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (order === 'key' && typeof value?.k === 'string') return { order, afterKey: value.k };
  if (order === 'revision' && typeof value?.r === 'string' && /^\d{1,19}$/.test(value.r)) return { order, afterRevision: value.r };
  throw new ApiError('invalid', 'the request query is invalid', [
    { path: 'query.cursor', message: `must be the nextCursor of a previous page in order '${order}'` },
  ]);
}
