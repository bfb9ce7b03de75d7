import { Client } from 'pg';
import { ConnectorError, withoutSecrets, type ConnectorFailureCode } from '@tributary/connectors';
import { pgConnectionOf, type PostgresConfig, type PostgresSecrets } from './postgres-config';

/**
 * A connected client for reading. The session is read-only (a query stream cannot write even
 * through a function it calls), in UTC with ISO dates (so timestamp text parses one way), and
 * prints bytea as hex.
 */
export async function openPostgres(secrets: PostgresSecrets, config: PostgresConfig): Promise<Client> {
  const client = new Client({
    ...pgConnectionOf(secrets),
    connectionTimeoutMillis: config.connectTimeoutMs,
    application_name: 'tributary-source-postgres',
    options: `-c default_transaction_read_only=on -c TimeZone=UTC -c DateStyle=ISO -c bytea_output=hex -c statement_timeout=${config.statementTimeoutMs}`,
  });
  // An error on an idle client (the server restarting between pages) must not crash the process:
  // the next query fails and says why.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw postgresError(error, secrets);
  }
  return client;
}

// SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const BY_SQLSTATE: Record<string, ConnectorFailureCode> = {
  '28P01': 'auth', // invalid_password
  '28000': 'auth', // invalid_authorization_specification: no such role, no pg_hba entry
  '3D000': 'not-found', // invalid_catalog_name: no such database
  '42P01': 'not-found', // undefined_table
  '3F000': 'not-found', // invalid_schema_name
  '42501': 'denied', // insufficient_privilege
  '25006': 'denied', // read_only_sql_transaction: a query stream tried to write
  '42601': 'config', // syntax_error (in a query stream)
  '42703': 'config', // undefined_column (in a query stream)
  '57P03': 'unreachable', // cannot_connect_now: starting up
  '53300': 'unreachable', // too_many_connections
};
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);

/**
 * A ConnectorError for a pg or socket error, naming the server and the role, never the
 * password (it is cut out of the message should a driver ever echo it).
 */
export function postgresError(error: unknown, secrets: PostgresSecrets): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const { code, message } = error as { code?: string; message?: string };
  const where = `postgres ${secrets.host}:${secrets.port}/${secrets.database} as ${secrets.user}`;
  const text = withoutSecrets(String(message ?? error), [secrets.password]);
  if (code && NETWORK.has(code)) return new ConnectorError('unreachable', `cannot reach ${where}: ${text}`, { cause: error });
  if (/timeout|terminated unexpectedly|Connection terminated/i.test(text) && !code) {
    return new ConnectorError('unreachable', `cannot reach ${where}: ${text}`, { cause: error });
  }
  const failure = (code ? BY_SQLSTATE[code] : undefined) ?? 'source-error';
  return new ConnectorError(failure, `${where}: ${text}${code ? ` (SQLSTATE ${code})` : ''}`, { cause: error });
}
