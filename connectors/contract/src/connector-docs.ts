import { connectorSpec, type JsonSchema } from './connector-spec';
import type { SourceConnector } from './source-connector';

/**
 * A connector's reference page in Markdown, generated from its config and secrets schemas so
 * the docs cannot drift from the code: one table row per field (nested fields as dotted
 * paths) with type, default, example and description.
 */
export function connectorDocs(connector: SourceConnector): string {
  const spec = connectorSpec(connector);
  return [
    `# ${spec.name}`,
    '',
    spec.description,
    '',
    '## Config',
    '',
    ...fieldTable(spec.config),
    '',
    '## Secret (connection)',
    '',
    ...fieldTable(spec.secrets),
    '',
  ].join('\n');
}

/** Every leaf field of an object schema, as [dotted path, its schema, required]. */
export function schemaFields(schema: JsonSchema, prefix = ''): [string, JsonSchema, boolean][] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, field]): [string, JsonSchema, boolean][] => {
    const path = prefix ? `${prefix}.${name}` : name;
    const objectBranch = objectOf(field);
    return objectBranch ? schemaFields(objectBranch, path) : [[path, field, required.has(name)]];
  });
}

function fieldTable(schema: JsonSchema): string[] {
  const rows = schemaFields(schema).map(([path, field, required]) => {
    const example = Array.isArray(field.examples) ? field.examples[0] : undefined;
    return `| \`${path}\`${required ? ' (required)' : ''} | ${typeOf(field)} | ${cell(field.default)} | ${cell(example)} | ${String(field.description ?? '')} |`;
  });
  if (rows.length === 0) return ['(none)'];
  return ['| field | type | default | example | description |', '|---|---|---|---|---|', ...rows];
}

function objectOf(field: JsonSchema): JsonSchema | undefined {
  if (field.type === 'object' && field.properties) return field;
  return undefined;
}

function typeOf(field: JsonSchema): string {
  if (Array.isArray(field.enum)) return field.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (field.type === 'array') return `${typeOf((field.items ?? {}) as JsonSchema)}[]`;
  if (Array.isArray(field.anyOf)) return (field.anyOf as JsonSchema[]).map(typeOf).join(' \\| ');
  return String(field.type ?? 'any');
}

function cell(value: unknown): string {
  return value === undefined ? '' : `\`${JSON.stringify(value).replace(/\|/g, '\\|')}\``;
}
