import { ConnectorError, type SourceConnector } from '@tributary/connectors';
import { fileSource } from '@tributary/source-file';
import { mysqlSource } from '@tributary/source-mysql';
import { postgresSource } from '@tributary/source-postgres';

/**
 * Every source connector, in one literal list: adding a connector is a folder under
 * connectors/ and a line here. A pipeline's `source.connector` names one by its `name`.
 */
export const SOURCE_CONNECTORS: readonly SourceConnector[] = [postgresSource, mysqlSource, fileSource];

/** The connector a pipeline names, or a ConnectorError('config') listing the ones there are. */
export function findSourceConnector(name: string): SourceConnector {
  const connector = SOURCE_CONNECTORS.find((c) => c.name === name);
  if (!connector) throw new ConnectorError('config', `no source connector '${name}'; the connectors are ${SOURCE_CONNECTORS.map((c) => c.name).join(', ')}`);
  return connector;
}
