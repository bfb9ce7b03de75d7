import type { Connection, FieldPacket, RowDataPacket } from 'mysql2/promise';
import { ConnectorError, queryAsSubquery, userQueryProblem, type SqlColumnInfo, type SqlStreamInfo } from '@tributary/connectors';
import type { MysqlConfig } from './mysql-config';
import { isNotNull, mysqlColumnType, type MysqlColumnType } from './mysql-types';

export interface MysqlColumn extends SqlColumnInfo {
  readonly type: MysqlColumnType;
}

export interface MysqlStream extends SqlStreamInfo {
  readonly columns: readonly MysqlColumn[];
  readonly primaryKey: readonly string[];
  /** The FROM item: `database`.`table`, or the query as a parenthesized subquery. */
  readonly from: string;
}

/**
 * A MySQL identifier quoted with backticks (a backtick inside doubled). Written here rather
 * than mysql2's escapeId, which splits on '.' and would read a table named 'a.b' as a.b.
 */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** The tables and views of `database` (or the one named `table`), as streams named <database>.<table>. */
export async function catalogTables(connection: Connection, database: string, table?: string): Promise<MysqlStream[]> {
  const [tables] = await connection.execute<RowDataPacket[]>(
    'SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND (? IS NULL OR TABLE_NAME = ?) ORDER BY TABLE_NAME',
    [database, table ?? null, table ?? null],
  );
  const [keys] = await connection.execute<RowDataPacket[]>(
    "SELECT TABLE_NAME AS name, COLUMN_NAME AS col FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY TABLE_NAME, ORDINAL_POSITION",
    [database],
  );
  const streams: MysqlStream[] = [];
  for (const row of tables) {
    const name = String(row.name);
    const from = `${quoteIdentifier(database)}.${quoteIdentifier(name)}`;
    // The server describes the columns as it will send them: the same metadata a read gets.
    const [, fields] = await connection.execute(`SELECT * FROM ${from} LIMIT 0`);
    streams.push({
      name: `${database}.${name}`,
      kind: row.type === 'BASE TABLE' ? 'table' : 'view',
      from,
      columns: (fields as FieldPacket[]).map(column),
      primaryKey: keys.filter((key) => key.name === name).map((key) => String(key.col)),
    });
  }
  return streams;
}

/** A query stream, its columns learnt from running it with LIMIT 0. */
export async function describeQuery(connection: Connection, query: MysqlConfig['queries'][number]): Promise<MysqlStream> {
  const problem = userQueryProblem(query.sql, 'mysql');
  if (problem) throw new ConnectorError('config', `query ${query.name}: ${problem}`);
  const from = queryAsSubquery(query.sql, 'mysql');
  // The server refuses a derived table with two columns alike (ER_DUP_FIELDNAME), so a record never has to hold both.
  const [, fields] = await connection.execute(`SELECT * FROM ${from} AS t LIMIT 0`);
  const columns = (fields as FieldPacket[]).map((field) => ({ ...column(field), notNull: false }));
  return { name: query.name, kind: 'query', from, columns, primaryKey: [] };
}

function column(field: FieldPacket): MysqlColumn {
  const type = mysqlColumnType(field);
  return { name: field.name, sourceType: type.sourceType, notNull: isNotNull(field), orderable: type.bind !== undefined && type.cursorText !== undefined, type };
}

/** The one stream `name` means: a configured query, or a table of the connection's database. */
export async function findStream(connection: Connection, config: MysqlConfig, database: string, name: string): Promise<MysqlStream> {
  const query = config.queries.find((q) => q.name === name);
  if (query) return describeQuery(connection, query);
  const table = name.startsWith(`${database}.`) ? name.slice(database.length + 1) : name;
  const [found] = await catalogTables(connection, database, table);
  if (found) return found;
  throw new ConnectorError('not-found', `no table or view '${name}' in database ${database}`);
}
