import { SOURCE_CONNECTORS, findSourceConnector } from '@tributary/connector-registry';
import { connectorSpec, type SourceConnector } from '@tributary/connectors';
import { resourceName } from '@tributary/pipeline-spec';
import { z } from 'zod';
import { SECRET_NAME } from '../secrets/secret-name';

/** Connections are named like pipelines (and like the secrets pipelines name), so one name can serve all three. */
export const CONNECTION_NAME = resourceName;

const CONNECTOR_NAMES = SOURCE_CONNECTORS.map((c) => c.name) as [string, ...string[]];

/**
 * A connection as written with PUT: the connector, its config (checked by the connector's own
 * schema, so a fault is a 400 at `body.config.<field>`), and the name of the secret it connects
 * with. The secret's value never travels here: it is stored through `/secrets` and stays there.
 */
export const CONNECTION_BODY = z
  .strictObject({
    connector: z.enum(CONNECTOR_NAMES).describe('The source connector, as a pipeline\'s `source.connector` names it; GET /connectors lists them with their schemas'),
    config: z.record(z.string(), z.unknown()).default({}).describe("The connector's config (GET /connectors gives its JSON Schema); defaults are filled in"),
    secretName: SECRET_NAME.optional().describe('The secret (stored with PUT /tenants/{tenant}/secrets/{name}) holding how to connect, e.g. a JSON object of host, port, user, password'),
    description: z.string().max(1000).optional().describe('What the connection is for, for people'),
  })
  .transform((body, ctx) => {
    const connector = findSourceConnector(body.connector);
    const config = connector.configSchema.safeParse(body.config);
    let faulty = !config.success;
    if (!config.success) {
      for (const issue of config.error.issues) ctx.addIssue({ code: 'custom', path: ['config', ...issue.path.map(String)], message: issue.message });
    }
    if (body.secretName === undefined && needsSecret(connector)) {
      ctx.addIssue({ code: 'custom', path: ['secretName'], message: `a ${connector.name} connection needs a secret holding ${secretFields(connector).join(', ')}` });
      faulty = true;
    }
    if (faulty || !config.success) return z.NEVER;
    return { ...body, config: config.data as Record<string, unknown> };
  });

export type ConnectionBody = z.output<typeof CONNECTION_BODY>;

/** True unless the connector connects with nothing (a file source: the control plane decides its folder). */
function needsSecret(connector: SourceConnector): boolean {
  return !connector.secretsSchema.safeParse({}).success;
}

function secretFields(connector: SourceConnector): string[] {
  return Object.keys((connectorSpec(connector).secrets as { properties?: Record<string, unknown> }).properties ?? {});
}
