import { ConnectorError } from './connector-error';
import type { ReadOptions } from './source-connector';
import type { SourceCursor } from './source-cursor';

/** A column of a SQL stream as the read plan needs it. */
export interface SqlColumnInfo {
  readonly name: string;
  readonly sourceType: string;
  /** Known NOT NULL (a table's constraint); false when nullable or unknown (views, queries). */
  readonly notNull: boolean;
  /** Orders exactly and binds back from its text: numbers, dates, timestamps, strings, uuids. */
  readonly orderable: boolean;
}

export interface SqlStreamInfo {
  readonly name: string;
  readonly kind: 'table' | 'view' | 'query';
  readonly columns: readonly SqlColumnInfo[];
}

/** Which columns page the read: by (cursor, key) incrementally, by key in full, or not at all. */
export interface SqlReadPlan {
  readonly cursorIndex?: number;
  readonly keyIndex?: number;
}

/**
 * The columns a SQL read pages by, checked against the stream's columns, so that every
 * identifier that reaches the SQL is one the catalog named (and is quoted besides). Throws
 * ConnectorError('config') naming what is wrong.
 */
export function sqlReadPlan(stream: SqlStreamInfo, options: ReadOptions, start: SourceCursor): SqlReadPlan {
  const { mode, cursorField, keyField } = options;
  if (mode === 'incremental') {
    if (!cursorField) throw new ConnectorError('config', 'an incremental read needs cursorField: the column whose values only grow, e.g. updated_at');
    if (!keyField) throw new ConnectorError('config', 'an incremental read needs keyField: a unique column, the tie-breaker among rows that share a cursor value');
    if (start.cursorValue === null && start.lastKey !== null) {
      throw new ConnectorError('config', 'the cursor comes from a full read (it has a key but no cursor value); start an incremental read without a cursor');
    }
  } else if (cursorField) {
    throw new ConnectorError('config', 'cursorField is for incremental reads; a full read pages by keyField');
  }
  const cursorIndex = cursorField === undefined ? undefined : columnIndex(stream, cursorField, 'cursorField');
  const keyIndex = keyField === undefined ? undefined : columnIndex(stream, keyField, 'keyField');
  if (keyIndex !== undefined && stream.kind === 'table' && !stream.columns[keyIndex].notNull) {
    throw new ConnectorError('config', `keyField '${keyField}' of ${stream.name} may be NULL; a key must be NOT NULL, or rows with a NULL key could not be paged past`);
  }
  if (keyIndex !== undefined && keyIndex === cursorIndex) {
    throw new ConnectorError('config', `keyField and cursorField are both '${keyField}'; the key must be another, unique column`);
  }
  return { cursorIndex, keyIndex };
}

function columnIndex(stream: SqlStreamInfo, name: string, option: string): number {
  const index = stream.columns.findIndex((column) => column.name === name);
  if (index < 0) {
    const names = stream.columns.map((column) => column.name).join(', ');
    throw new ConnectorError('config', `${option}: ${stream.name} has no column ${JSON.stringify(name)}; its columns are ${names}`);
  }
  const column = stream.columns[index];
  if (!column.orderable) {
    throw new ConnectorError('config', `${option}: column '${name}' (${column.sourceType}) cannot be a cursor or key: it has no exact order`);
  }
  return index;
}
