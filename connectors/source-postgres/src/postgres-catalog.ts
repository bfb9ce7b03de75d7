import type { Client } from 'pg';
import { ConnectorError, userQueryProblem, queryAsSubquery, type SqlStreamInfo, type SqlColumnInfo } from '@tributary/connectors';
import type { PostgresConfig } from './postgres-config';
import { postgresColumnType } from './postgres-types';

export interface PostgresColumn extends SqlColumnInfo {
  readonly oid: number;
  readonly typmod: number;
}

/** A stream as read: where its rows come from (quoted or a wrapped query) and its columns in order. */
export interface PostgresStream extends SqlStreamInfo {
  readonly columns: readonly PostgresColumn[];
  readonly primaryKey: readonly string[];
  /** The FROM item: "schema"."table", or the query as a parenthesized subquery. */
  readonly from: string;
}

// Tables, views, materialized views, partitioned and foreign tables the role may read, with
// domains resolved to their base type (their values print as the base type does).
const CATALOG_SQL = `
SELECT n.nspname AS schema, c.relname AS table, c.relkind AS kind, a.attname AS column,
       CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END AS oid,
       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod,
       format_type(a.atttypid, a.atttypmod) AS type_name,
       a.attnotnull AS not_null,
       array_position(i.indkey::int2[], a.attnum) AS key_position
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_index i ON i.indrelid = c.oid AND i.indisprimary
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY($1::text[])
  AND ($2::text IS NULL OR c.relname = $2) AND has_table_privilege(c.oid, 'SELECT')
ORDER BY n.nspname, c.relname, a.attnum`;

interface CatalogRow {
  schema: string;
  table: string;
  kind: string;
  column: string;
  oid: number;
  typmod: number;
  type_name: string;
  not_null: boolean;
  key_position: number | null;
}

/** The tables of `schemas` (or the one named `table` in them), as streams named <schema>.<table>. */
export async function catalogTables(client: Client, schemas: readonly string[], table?: string): Promise<PostgresStream[]> {
  const { rows } = await client.query<CatalogRow>(CATALOG_SQL, [schemas, table ?? null]);
  const streams = new Map<string, { rows: CatalogRow[] }>();
  for (const row of rows) {
    const name = `${row.schema}.${row.table}`;
    const entry = streams.get(name) ?? { rows: [] };
    entry.rows.push(row);
    streams.set(name, entry);
  }
  return [...streams].map(([name, { rows: columns }]) => ({
    name,
    kind: columns[0].kind === 'r' || columns[0].kind === 'p' ? 'table' : 'view',
    from: `${client.escapeIdentifier(columns[0].schema)}.${client.escapeIdentifier(columns[0].table)}`,
    columns: columns.map((row) => column(row.column, Number(row.oid), row.typmod, row.type_name, row.not_null)),
    primaryKey: columns.filter((row) => row.key_position !== null).sort((a, b) => Number(a.key_position) - Number(b.key_position)).map((row) => row.column),
  }));
}

/**
 * A query stream, its columns learnt by running it with LIMIT 0 (the server plans it and
 * describes the result without reading a row). Refused when it breaks the query rule or
 * names two columns alike (a record cannot hold both).
 */
export async function describeQuery(client: Client, query: PostgresConfig['queries'][number]): Promise<PostgresStream> {
  const problem = userQueryProblem(query.sql, 'postgres');
  if (problem) throw new ConnectorError('config', `query ${query.name}: ${problem}`);
  const from = queryAsSubquery(query.sql, 'postgres');
  const result = await client.query({ text: `SELECT * FROM ${from} AS t LIMIT 0`, rowMode: 'array' });
  const names = result.fields.map((field) => field.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new ConnectorError('config', `query ${query.name}: column name '${repeated}' appears twice; give the columns distinct names with AS`);
  const typeNames = await client.query<{ name: string }>(
    'SELECT format_type(x.oid, x.typmod) AS name FROM unnest($1::oid[], $2::int4[]) WITH ORDINALITY AS x(oid, typmod, i) ORDER BY x.i',
    [result.fields.map((f) => f.dataTypeID), result.fields.map((f) => f.dataTypeModifier)],
  );
  return {
    name: query.name,
    kind: 'query',
    from,
    columns: result.fields.map((f, i) => column(f.name, f.dataTypeID, f.dataTypeModifier, typeNames.rows[i].name, false)),
    primaryKey: [],
  };
}

function column(name: string, oid: number, typmod: number, sourceType: string, notNull: boolean): PostgresColumn {
  return { name, oid, typmod, sourceType, notNull, orderable: postgresColumnType(oid, typmod).cursorText !== undefined };
}

/** The one stream `name` means, looked up in the catalog (tables) or the config (queries). */
export async function findStream(client: Client, config: PostgresConfig, name: string): Promise<PostgresStream> {
  const query = config.queries.find((q) => q.name === name);
  if (query) return describeQuery(client, query);
  const dot = name.indexOf('.');
  const [schemas, table] = dot < 0 ? [config.schemas, name] : [[name.slice(0, dot)], name.slice(dot + 1)];
  if (dot >= 0 && !config.schemas.includes(schemas[0])) {
    throw new ConnectorError('config', `stream '${name}' is in schema '${schemas[0]}', which is not among the configured schemas (${config.schemas.join(', ')})`);
  }
  const found = await catalogTables(client, schemas, table);
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new ConnectorError('config', `stream '${name}' is ambiguous: ${found.map((s) => s.name).join(', ')}; name one of them`);
  throw new ConnectorError('not-found', `no table or view '${name}' that this role may read in schema${schemas.length > 1 ? 's' : ''} ${schemas.join(', ')}`);
}
