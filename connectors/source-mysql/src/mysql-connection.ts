import { createConnection, type Connection } from 'mysql2/promise';
import { ConnectorError, withoutSecrets, type ConnectorFailureCode } from '@tributary/connectors';
import type { MysqlConfig, MysqlSecrets } from './mysql-config';

/**
 * A connection for reading: every transaction read-only (a query stream cannot write, even
 * through a function), the session in UTC (TIMESTAMP columns read as UTC), and values in forms
 * that lose nothing: dates and big integers as text, decimals as text, JSON as text.
 */
export async function openMysql(secrets: MysqlSecrets, config: MysqlConfig): Promise<Connection> {
  let connection: Connection;
  try {
    connection = await createConnection({
      host: secrets.host,
      port: secrets.port,
      database: secrets.database,
      user: secrets.user,
      password: secrets.password,
      ssl: secrets.ssl === 'disable' ? undefined : { rejectUnauthorized: secrets.ssl === 'verify-full' },
      connectTimeout: config.connectTimeoutMs,
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      jsonStrings: true,
      multipleStatements: false,
    });
  } catch (error) {
    throw mysqlError(error, secrets);
  }
  // An error on an idle connection (the server going away between pages) must not crash the
  // process: the next query fails and says why.
  connection.on('error', () => undefined);
  try {
    await connection.query("SET SESSION time_zone = '+00:00'");
    await connection.query('SET SESSION TRANSACTION READ ONLY');
    await setStatementTimeout(connection, config.statementTimeoutMs);
  } catch (error) {
    connection.destroy();
    throw mysqlError(error, secrets);
  }
  return connection;
}

/** MariaDB calls it max_statement_time (seconds), MySQL max_execution_time (milliseconds). */
async function setStatementTimeout(connection: Connection, ms: number): Promise<void> {
  try {
    await connection.query('SET SESSION max_statement_time = ?', [ms / 1000]);
  } catch (error) {
    if ((error as { errno?: number }).errno !== 1193) throw error; // unknown system variable
    await connection.query('SET SESSION max_execution_time = ?', [ms]);
  }
}

// Server error numbers (https://mariadb.com/kb/en/mariadb-error-code-reference/).
const BY_ERRNO: Record<number, ConnectorFailureCode> = {
  1045: 'auth', // ER_ACCESS_DENIED_ERROR
  1698: 'auth', // ER_ACCESS_DENIED_NO_PASSWORD_ERROR
  1044: 'denied', // ER_DBACCESS_DENIED_ERROR
  1142: 'denied', // ER_TABLEACCESS_DENIED_ERROR
  1143: 'denied', // ER_COLUMNACCESS_DENIED_ERROR
  1792: 'denied', // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION: a query stream tried to write
  1049: 'not-found', // ER_BAD_DB_ERROR
  1146: 'not-found', // ER_NO_SUCH_TABLE
  1064: 'config', // ER_PARSE_ERROR (in a query stream)
  1054: 'config', // ER_BAD_FIELD_ERROR (in a query stream)
  1060: 'config', // ER_DUP_FIELDNAME: a query stream with two columns alike
  1040: 'unreachable', // ER_CON_COUNT_ERROR: too many connections
};
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'PROTOCOL_CONNECTION_LOST']);

/** A ConnectorError for a mysql2 or socket error, naming the server and user, never the password. */
export function mysqlError(error: unknown, secrets: MysqlSecrets): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const { code, errno, message } = error as { code?: string; errno?: number; message?: string };
  const where = `mysql ${secrets.host}:${secrets.port}/${secrets.database} as ${secrets.user}`;
  const text = withoutSecrets(String(message ?? error), [secrets.password]);
  if (code && NETWORK.has(code)) return new ConnectorError('unreachable', `cannot reach ${where}: ${text || code}`, { cause: error });
  const failure = (errno === undefined ? undefined : BY_ERRNO[errno]) ?? 'source-error';
  return new ConnectorError(failure, `${where}: ${text}${code ? ` (${code})` : ''}`, { cause: error });
}
