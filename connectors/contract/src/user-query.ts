// The rule for a stream defined by a query (docs: connectors/README.md, "Queries"): the query
// is the pipeline author's whole statement, run read-only and wrapped as a subquery,
//   SELECT <columns> FROM (<query>) AS t WHERE (t.cursor, t.key) > ($1, $2) ORDER BY ... LIMIT $3
// so paging, cursors and values stay ours and are bound, never spliced in. The statement must
// therefore be one SELECT (or WITH ... SELECT) with no parameters of its own and no second
// statement after a ';'. The database refuses a second statement anyway (prepared statements
// take one); this scan gives the author a clear reason first.

export type SqlDialect = 'postgres' | 'mysql';

/** Why `sql` cannot be a query stream, or undefined when it can. */
export function userQueryProblem(sql: string, dialect: SqlDialect): string | undefined {
  const code = codeOutsideQuotes(sql, dialect);
  if (code === undefined) return 'the query has an unclosed quote or comment';
  const body = code.trim().replace(/;\s*$/, '');
  if (!/^\(*\s*(select|with)\b/i.test(body)) return 'the query must be one SELECT (or WITH ... SELECT) statement';
  if (body.includes(';')) return "the query must be one statement: nothing may follow a ';'";
  const placeholder = dialect === 'postgres' ? /\$\d/.exec(body) : /\?/.exec(body);
  if (placeholder) return `the query may not hold parameters (${placeholder[0]}): its only bound values are the cursor's`;
  return undefined;
}

/**
 * `sql` as a parenthesized subquery, ready for `FROM <it> AS t`: a trailing ';' (and what
 * follows it, only comments) is dropped, and the parenthesis closes on a line of its own in case
 * the query ends in a -- comment. Only for a query that passed userQueryProblem.
 */
export function queryAsSubquery(sql: string, dialect: SqlDialect): string {
  const code = codeOutsideQuotes(sql, dialect) ?? sql;
  const semicolon = code.lastIndexOf(';');
  const body = semicolon >= 0 && code.slice(semicolon + 1).trim() === '' ? sql.slice(0, semicolon) : sql;
  return `(\n${body.trim()}\n)`;
}

/**
 * `sql` with the insides of string literals, quoted identifiers and comments blanked out
 * (replaced by spaces), or undefined if one is left open. Knows '...' (with '' and, in MySQL,
 * backslash escapes), "...", `...` (MySQL), $tag$...$tag$ (Postgres), -- and /* *\/ comments,
 * and # comments (MySQL).
 */
export function codeOutsideQuotes(sql: string, dialect: SqlDialect): string | undefined {
  let out = '';
  let i = 0;
  const blank = (from: number, to: number) => ' '.repeat(to - from);
  while (i < sql.length) {
    const c = sql[i];
    const end = closingOf(sql, i, dialect);
    if (end === undefined) {
      out += c;
      i++;
    } else if (end < 0) {
      return undefined;
    } else {
      out += blank(i, end);
      i = end;
    }
  }
  return out;
}

/** If a quote or comment opens at `i`: the index just past its end (-1 if unclosed); else undefined. */
function closingOf(sql: string, i: number, dialect: SqlDialect): number | undefined {
  const c = sql[i];
  const next = sql[i + 1];
  if (c === "'" || c === '"' || (c === '`' && dialect === 'mysql')) return quotedEnd(sql, i, c, dialect === 'mysql' && c !== '`');
  if (c === '-' && next === '-') return lineEnd(sql, i);
  if (c === '#' && dialect === 'mysql') return lineEnd(sql, i);
  if (c === '/' && next === '*') {
    const close = sql.indexOf('*/', i + 2);
    return close < 0 ? -1 : close + 2;
  }
  if (c === '$' && dialect === 'postgres') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
    if (!tag) return undefined;
    const close = sql.indexOf(tag[0], i + tag[0].length);
    return close < 0 ? -1 : close + tag[0].length;
  }
  return undefined;
}

function quotedEnd(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (backslashEscapes && sql[i] === '\\') i++;
    else if (sql[i] === quote) {
      if (sql[i + 1] === quote) i++;
      else return i + 1;
    }
  }
  return -1;
}

function lineEnd(sql: string, start: number): number {
  const newline = sql.indexOf('\n', start);
  return newline < 0 ? sql.length : newline + 1;
}
