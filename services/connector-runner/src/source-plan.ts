import { ConnectorError, parseConnectorInput, type ReadMode, type SourceConnector } from '@tributary/connectors';
import { connectorConfigOf, findSourceConnector } from '@tributary/connector-registry';
import { locationOf, type PipelineSpec } from '@tributary/pipeline-spec';

/** What a run reads, worked out from the pipeline's `source:` before anything is opened. */
export interface SourcePlan {
  readonly connector: SourceConnector;
  /** The connector's config, parsed (defaults filled in). */
  readonly config: unknown;
  /** The stream as the pipeline names it ('orders', 'public.orders', a folder); resolved against discover(). */
  readonly stream: string;
  /** How the connector reads: the pipeline's mode, whatever the run asked (see start-cursor.ts). */
  readonly mode: ReadMode;
  readonly cursorField?: string;
  /** The pipeline's record key, as the source names it. */
  readonly keyField: string;
  /** The secret in the store that holds the connection, if the source needs one. */
  readonly secretName?: string;
}

/**
 * The pipeline's source as a connector call: which connector (from the registry's literal list),
 * its config (`source.options`, plus the location field the connector takes), the stream and the
 * paging fields. Throws ConnectorError('config') naming the fault: an unknown connector, a
 * connector this runner cannot run (push, topic: those are not read by a run), a bad option.
 */
export function sourcePlan(spec: PipelineSpec): SourcePlan {
  const source = spec.source;
  const connector = findSourceConnector(source.connector);
  const stream = locationOf(source)?.value;
  if (stream === undefined) throw new ConnectorError('config', `the ${source.connector} source names no location`);
  const config = parseConnectorInput(connector.configSchema, connectorConfigOf(source), 'config');
  return {
    connector,
    config,
    stream,
    mode: source.mode,
    ...(source.mode === 'incremental' && source.cursor !== undefined && { cursorField: source.cursor }),
    keyField: source.key,
    ...(source.connection && { secretName: source.connection.secret }),
  };
}

/**
 * The connector's secrets from the opened secret text: a JSON object (what `tributary secrets
 * set acme-erp < erp.json` stores). The text never appears in an error, only the reason.
 */
export function parseSecretText(connector: SourceConnector, text: string | undefined, secretName: string | undefined): unknown {
  if (text === undefined) return parseConnectorInput(connector.secretsSchema, {}, 'secrets');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConnectorError('config', `secret '${secretName}' is not JSON; a ${connector.name} connection is stored as a JSON object (host, port, database, user, password)`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConnectorError('config', `secret '${secretName}' is not a JSON object; a ${connector.name} connection is stored as one`);
  }
  try {
    return parseConnectorInput(connector.secretsSchema, value, 'secrets');
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    throw new ConnectorError('config', `secret '${secretName}': ${error.message}`);
  }
}
