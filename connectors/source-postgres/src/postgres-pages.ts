import Cursor from 'pg-cursor';
import type { Client } from 'pg';
import { START_CURSOR, avroFieldNames, convertRow, type ColumnConversion, type PagedSource, type SqlReadPlan } from '@tributary/connectors';
import type { PostgresStream } from './postgres-catalog';
import { TEXT_VALUES, postgresColumnType } from './postgres-types';

type Row = readonly (string | null)[];

/**
 * The pages of a read. With a key, keyset pages: each one a bounded query strictly after the
 * previous page's last (cursor, key), so rows sharing a cursor value across a page boundary
 * are neither skipped nor repeated, nothing is held open between pages, and a read resumes
 * from its cursor alone:
 *   incremental  WHERE (t.c, t.k) > ($1, $2) ORDER BY t.c, t.k LIMIT $3
 *   full by key  WHERE t.k > $1 ORDER BY t.k LIMIT $2
 * Rows whose cursor is NULL are not reachable incrementally (NULL is never greater), which is
 * why the first incremental page asks for t.c IS NOT NULL explicitly. Without a key, one
 * server-side cursor streams the whole result (read in order, not resumable: a resumed read
 * starts again). Identifiers come from the catalog, quoted; values are bound.
 */
export function postgresPages(client: Client, stream: PostgresStream, plan: SqlReadPlan): PagedSource<Row> {
  const types = stream.columns.map((column) => postgresColumnType(column.oid, column.typmod));
  const fields = avroFieldNames(stream.columns.map((column) => column.name));
  const conversions: ColumnConversion[] = stream.columns.map((column, i) => ({ source: column.name, field: fields[i], convert: types[i].convert as (v: unknown) => unknown }));
  const quoted = (index: number) => `t.${client.escapeIdentifier(stream.columns[index].name)}`;
  const select = `SELECT ${stream.columns.map((_, i) => quoted(i)).join(', ')} FROM ${stream.from} AS t`;
  const { cursorIndex, keyIndex } = plan;
  const keyText = (row: Row) => (keyIndex === undefined ? null : types[keyIndex].cursorText!(row[keyIndex]!));
  let rowNumber = 0;

  const page = async (text: string, values: unknown[]): Promise<Row[]> => (await client.query<Row[]>({ text, values, rowMode: 'array', types: TEXT_VALUES })).rows as unknown as Row[];
  let unkeyed: Cursor<Row> | undefined;

  return {
    async nextPage(after, limit) {
      if (keyIndex === undefined) {
        unkeyed ??= client.query(new Cursor<Row>(select, [], { rowMode: 'array', types: TEXT_VALUES }));
        return unkeyed.read(limit);
      }
      const k = quoted(keyIndex);
      if (cursorIndex === undefined) {
        if (after.lastKey === null) return page(`${select} ORDER BY ${k} LIMIT $1`, [limit]);
        return page(`${select} WHERE ${k} > $1 ORDER BY ${k} LIMIT $2`, [after.lastKey, limit]);
      }
      const c = quoted(cursorIndex);
      if (after.cursorValue === null) return page(`${select} WHERE ${c} IS NOT NULL ORDER BY ${c}, ${k} LIMIT $1`, [limit]);
      return page(`${select} WHERE (${c}, ${k}) > ($1, $2) ORDER BY ${c}, ${k} LIMIT $3`, [after.cursorValue, after.lastKey, limit]);
    },
    convert(row) {
      rowNumber++;
      const key = keyText(row);
      const position = key === null ? `${stream.name} row ${rowNumber}` : `${stream.name} ${stream.columns[keyIndex!].name}=${key}`;
      return convertRow(row, conversions, position, key);
    },
    cursorAfter(row) {
      if (keyIndex === undefined) return START_CURSOR;
      const cursorValue = cursorIndex === undefined ? null : types[cursorIndex].cursorText!(row[cursorIndex]!);
      return { cursorValue, lastKey: keyText(row), state: {} };
    },
  };
}
