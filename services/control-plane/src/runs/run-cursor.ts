import { ApiError } from '../common/api-error';

/** A page's end (requested_at, id) as an opaque token for the next page. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at);
  if (rest.length > 0 || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) {
    throw new ApiError('invalid', 'the request query is invalid', [{ path: 'query.cursor', message: 'must be the nextCursor of a previous page' }]);
  }
  return { at: date, id };
}
