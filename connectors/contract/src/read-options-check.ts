import { ConnectorError } from './connector-error';
import type { ReadOptions } from './source-connector';
import { isSourceCursor, START_CURSOR, type SourceCursor } from './source-cursor';

/** Largest batch a connector accepts: a batch is held in memory whole. */
export const MAX_BATCH_SIZE = 100_000;

/**
 * The read options every source checks first, with the cursor to start from. Throws
 * ConnectorError('config') naming the option at fault.
 */
export function checkReadOptions(options: ReadOptions): SourceCursor {
  const { mode, batchSize, cursor, cursorField, keyField, stream } = options;
  if (typeof stream !== 'string' || stream === '') throw new ConnectorError('config', 'read options: stream must be a stream name from discover()');
  if (mode !== 'full' && mode !== 'incremental') throw new ConnectorError('config', `read options: mode must be 'full' or 'incremental', got ${JSON.stringify(mode)}`);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new ConnectorError('config', `read options: batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${JSON.stringify(batchSize)}`);
  }
  for (const [name, value] of [['cursorField', cursorField], ['keyField', keyField]] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new ConnectorError('config', `read options: ${name} must be a field name`);
  }
  if (cursor !== undefined && !isSourceCursor(cursor)) {
    throw new ConnectorError('config', 'read options: cursor is not a cursor this connector wrote (cursorValue, lastKey, state)');
  }
  return cursor ?? START_CURSOR;
}

/** The one stream among `names` that `requested` means: an exact name, or a unique one ending '.<requested>'. */
export function resolveStreamName(names: readonly string[], requested: string): string {
  if (names.includes(requested)) return requested;
  const bySuffix = names.filter((name) => name.endsWith(`.${requested}`));
  if (bySuffix.length === 1) return bySuffix[0];
  if (bySuffix.length > 1) throw new ConnectorError('config', `stream '${requested}' is ambiguous: ${bySuffix.join(', ')}; name one of them`);
  const shown = names.slice(0, 20).join(', ') + (names.length > 20 ? `, and ${names.length - 20} more` : '');
  throw new ConnectorError('not-found', `no stream '${requested}'${names.length ? `; the streams are ${shown}` : '; the source offers none'}`);
}
