import { findSourceConnector } from '@tributary/connector-registry';
import { ConnectorError, connectorSpec, parseConnectorInput, type SourceConnector } from '@tributary/connectors';
import type { ConnectionEntity } from '@tributary/persistence';
import { isSecretKey, SecretOpenError } from '@tributary/security';
import { ApiError } from '../common/api-error';
import type { SecretStore } from '../secrets/secret-store';

/** What a connector call needs, ready: the plaintext lives only as long as the call that holds this. */
export interface ConnectorInputs {
  readonly connector: SourceConnector;
  readonly config: unknown;
  readonly secrets: unknown;
  /**
   * Texts that must not leave the call: the secret's write-only fields (passwords) and any
   * field named like a credential. Connectors already keep them out of their messages; the
   * probe cuts them out again before an answer or a log line is made of one.
   */
  readonly redactions: readonly string[];
}

/**
 * Resolves a connection's connector, parses its config, and opens and parses its secret. Every
 * way this can fail is a ConnectorError('config') whose message names the secret, never its
 * content (a JSON.parse message quotes the text it choked on, so it is never passed on).
 */
export async function connectorInputs(row: ConnectionEntity, store: SecretStore): Promise<ConnectorInputs> {
  const connector = findSourceConnector(row.connector);
  const config = parseConnectorInput(connector.configSchema, row.config, 'config');
  if (row.secretName === null) {
    return { connector, config, secrets: parseConnectorInput(connector.secretsSchema, {}, 'secrets'), redactions: [] };
  }
  const text = await openSecret(store, row.tenantId, row.secretName);
  const fields = secretFields(text, row.secretName, connector);
  const redactions = [text, ...credentialValues(connector, fields)];
  try {
    return { connector, config, secrets: parseConnectorInput(connector.secretsSchema, fields, 'secrets'), redactions };
  } catch (err) {
    if (err instanceof ConnectorError) throw new ConnectorError('config', `the secret '${row.secretName}' does not fit the ${connector.name} connector: ${err.message}`);
    throw err;
  }
}

async function openSecret(store: SecretStore, tenantId: string, name: string): Promise<string> {
  try {
    return await store.open(tenantId, name);
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'not-found') {
      throw new ConnectorError('config', `the secret '${name}' does not exist (any more); store it with PUT /tenants/${tenantId}/secrets/${name} or 'tributary secrets set ${name}'`);
    }
    if (err instanceof SecretOpenError) throw new ConnectorError('config', `the secret '${name}' cannot be opened: ${err.message}`);
    throw err;
  }
}

/** The secret as the connector's fields: a JSON object (how `secrets set` stores one given as JSON). */
function secretFields(text: string, name: string, connector: SourceConnector): Record<string, unknown> {
  const expected = Object.keys((connectorSpec(connector).secrets as { properties?: Record<string, unknown> }).properties ?? {});
  const problem = `the secret '${name}' must be a JSON object of the ${connector.name} connector's fields (${expected.join(', ')})`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConnectorError('config', `${problem}; it is not JSON`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConnectorError('config', `${problem}; it is not an object`);
  return parsed as Record<string, unknown>;
}

function credentialValues(connector: SourceConnector, fields: Record<string, unknown>): string[] {
  const properties = (connectorSpec(connector).secrets as { properties?: Record<string, { writeOnly?: boolean }> }).properties ?? {};
  return Object.entries(fields)
    .filter(([key, value]) => typeof value === 'string' && value !== '' && (properties[key]?.writeOnly === true || isSecretKey(key)))
    .map(([, value]) => value as string);
}
