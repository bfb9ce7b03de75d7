import type { Connection as CoreConnection } from 'mysql2';
import type { Connection } from 'mysql2/promise';
import { START_CURSOR, avroFieldNames, convertRow, type ColumnConversion, type PagedSource, type SqlReadPlan } from '@tributary/connectors';
import { quoteIdentifier, type MysqlStream } from './mysql-catalog';

type Row = readonly unknown[];

/**
 * The pages of a read. With a key, keyset pages, each a bounded prepared statement strictly
 * after the previous page's last (cursor, key), so rows sharing a cursor value across a page
 * boundary are neither skipped nor repeated and a read resumes from its cursor alone:
 *   incremental  WHERE (t.c > ? OR (t.c = ? AND t.k > ?)) ORDER BY t.c, t.k LIMIT ?
 *   full by key  WHERE t.k > ? ORDER BY t.k LIMIT ?
 * (the expanded form, which MySQL and MariaDB both turn into an index range). Each bound
 * cursor value is cast to its column's type, e.g. CAST(? AS DECIMAL(12,2)): MySQL compares a
 * DECIMAL or BIGINT with a string as doubles, which would blur neighbours past 2^53. Rows whose
 * cursor is NULL are not reachable incrementally. Without a key, one streamed result, read in
 * order, not resumable. Identifiers come from the catalog, quoted; values are bound.
 */
export function mysqlPages(connection: Connection, stream: MysqlStream, plan: SqlReadPlan): PagedSource<Row> {
  const types = stream.columns.map((column) => column.type);
  const fields = avroFieldNames(stream.columns.map((column) => column.name));
  const conversions: ColumnConversion[] = stream.columns.map((column, i) => ({ source: column.name, field: fields[i], convert: types[i].convert }));
  const quoted = (index: number) => `t.${quoteIdentifier(stream.columns[index].name)}`;
  const select = `SELECT ${stream.columns.map((_, i) => quoted(i)).join(', ')} FROM ${stream.from} AS t`;
  const { cursorIndex, keyIndex } = plan;
  const keyText = (row: Row) => (keyIndex === undefined ? null : types[keyIndex].cursorText!(row[keyIndex]));
  const bound = (index: number, text: string) => types[index].bindValue?.(text) ?? text;
  let rowNumber = 0;
  let unkeyed: AsyncIterator<Row> | undefined;

  const page = async (sql: string, values: string[]): Promise<Row[]> => {
    const [rows] = await connection.execute({ sql, rowsAsArray: true }, values);
    return rows as unknown as Row[];
  };

  return {
    async nextPage(after, limit) {
      // LIMIT is bound as text: MySQL 8's prepared statements refuse a number there.
      const n = String(limit);
      if (keyIndex === undefined) {
        // Streaming needs the callback connection under the promise wrapper (typed only on pool connections).
        const core = (connection as unknown as { connection: CoreConnection }).connection;
        const stream = (unkeyed ??= core.query({ sql: select, rowsAsArray: true }).stream({ highWaterMark: limit })[Symbol.asyncIterator]());
        const rows: Row[] = [];
        while (rows.length < limit) {
          const next = await stream.next();
          if (next.done) break;
          rows.push(next.value);
        }
        return rows;
      }
      const k = quoted(keyIndex);
      const kb = types[keyIndex].bind!;
      if (cursorIndex === undefined) {
        if (after.lastKey === null) return page(`${select} ORDER BY ${k} LIMIT ?`, [n]);
        return page(`${select} WHERE ${k} > ${kb} ORDER BY ${k} LIMIT ?`, [bound(keyIndex, after.lastKey), n]);
      }
      const c = quoted(cursorIndex);
      const cb = types[cursorIndex].bind!;
      if (after.cursorValue === null) return page(`${select} WHERE ${c} IS NOT NULL ORDER BY ${c}, ${k} LIMIT ?`, [n]);
      const value = bound(cursorIndex, after.cursorValue);
      return page(`${select} WHERE (${c} > ${cb} OR (${c} = ${cb} AND ${k} > ${kb})) ORDER BY ${c}, ${k} LIMIT ?`, [value, value, bound(keyIndex, after.lastKey ?? ''), n]);
    },
    convert(row) {
      rowNumber++;
      const key = keyText(row);
      const position = key === null ? `${stream.name} row ${rowNumber}` : `${stream.name} ${stream.columns[keyIndex!].name}=${key}`;
      return convertRow(row, conversions, position, key);
    },
    cursorAfter(row) {
      if (keyIndex === undefined) return START_CURSOR;
      const cursorValue = cursorIndex === undefined ? null : types[cursorIndex].cursorText!(row[cursorIndex]);
      return { cursorValue, lastKey: keyText(row), state: {} };
    },
  };
}
