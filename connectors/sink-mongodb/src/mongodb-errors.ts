import { ConnectorError, withoutSecrets } from '@tributary/connectors';
import { MongoNetworkError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';

/** E11000: a write would duplicate a unique index's key. */
export const DUPLICATE_KEY = 11000;

/**
 * Server error codes that mean "this server cannot take writes right now", not "this document is
 * wrong": the retryable-write codes of the MongoDB retryable writes spec, plus write conflicts
 * and timeouts. A write error with one of these fails the batch (the runtime tries it again); any
 * other write error rejects its one record for good.
 */
const TRANSIENT_CODES = new Set([6, 7, 50, 89, 91, 112, 189, 262, 9001, 10107, 11600, 11601, 11602, 13435, 13436, 64]);

export function isTransientCode(code: unknown): boolean {
  return typeof code === 'number' && TRANSIENT_CODES.has(code);
}

/** A driver error as the connector contract's ConnectorError, never carrying the connection string. */
export function mongodbError(error: unknown, url: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = withoutSecrets(error instanceof Error ? error.message : String(error), [url, passwordOf(url)]);
  if (error instanceof MongoServerSelectionError || error instanceof MongoNetworkError || error instanceof MongoTopologyClosedError) {
    return new ConnectorError('unreachable', `MongoDB cannot be reached: ${message}`);
  }
  if (error instanceof MongoServerError) {
    if (error.code === 18) return new ConnectorError('auth', `MongoDB refused the credentials: ${message}`);
    if (error.code === 13) return new ConnectorError('denied', `MongoDB denied the write: ${message}`);
    if (isTransientCode(error.code)) return new ConnectorError('unreachable', `MongoDB cannot take writes now (code ${error.code}): ${message}`);
    return new ConnectorError('source-error', `MongoDB failed (code ${String(error.code)}): ${message}`);
  }
  return new ConnectorError('source-error', `MongoDB failed: ${message}`);
}

function passwordOf(url: string): string | undefined {
  try {
    const password = new URL(url.replace(/^mongodb(\+srv)?:/, 'http:')).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    return undefined;
  }
}
