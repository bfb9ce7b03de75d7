import { z } from 'zod';
import { ConnectorError } from './connector-error';
import type { SourceConnector } from './source-connector';

export type JsonSchema = Record<string, unknown>;

/** A connector as the console and the docs see it: names and JSON Schemas (draft 2020-12). */
export interface ConnectorSpec {
  readonly name: string;
  readonly description: string;
  /** The config as written (input form: defaults optional), for the pipeline form. */
  readonly config: JsonSchema;
  /** The secret's fields, for the connection form; secret ones are `writeOnly`. */
  readonly secrets: JsonSchema;
}

/** The JSON Schemas of a connector's config and secrets, generated from its zod schemas. */
export function connectorSpec(connector: SourceConnector): ConnectorSpec {
  return {
    name: connector.name,
    description: connector.description,
    config: jsonSchemaOf(connector.configSchema),
    secrets: jsonSchemaOf(connector.secretsSchema),
  };
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/**
 * `value` parsed by `schema` (defaults filled in), or a ConnectorError('config') whose message
 * names the path of every fault: "config.table: expected string, received number". Secrets
 * are never echoed: zod's messages name what was expected, not the value given.
 */
export function parseConnectorInput<T>(schema: z.ZodType<T>, value: unknown, label: 'config' | 'secrets'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const faults = result.error.issues.map((issue) => `${[label, ...issue.path.map(String)].join('.')}: ${issue.message}`);
  throw new ConnectorError('config', faults.join('; '));
}
