import type { SchemaReference } from './canonical-avro-schema';
import { RegistryError, registryErrors } from './registry-errors';

/**
 * The body of register, look-up and compatibility requests (Confluent's RegisterSchemaRequest):
 * `{"schema": "<schema as JSON text>", "schemaType"?: "AVRO", "references"?: [...]}`, plus `id`
 * and `version` which only IMPORT mode honours. Other fields (metadata, ruleSet) are ignored.
 */
export interface SchemaRequest {
  readonly schema: string;
  readonly schemaType: 'AVRO';
  readonly references: readonly SchemaReference[];
  readonly id?: number;
  readonly version?: number;
}

export function readSchemaRequest(body: unknown): SchemaRequest {
  const request = requireObject(body);
  const { schema, schemaType, references, id, version } = request;
  if (schema === undefined || schema === null || (typeof schema === 'string' && schema.trim() === '')) {
    throw registryErrors.invalidSchema('Empty schema');
  }
  if (typeof schema !== 'string') {
    throw registryErrors.invalidSchema(`Invalid schema: "schema" must be the schema as a JSON string, got ${describe(schema)}`);
  }
  if (schemaType !== undefined && schemaType !== null && (typeof schemaType !== 'string' || schemaType.toUpperCase() !== 'AVRO')) {
    throw registryErrors.invalidSchema(`Invalid schema type ${String(schemaType)}: this registry serves AVRO schemas only`);
  }
  return {
    schema,
    schemaType: 'AVRO',
    references: readReferences(references),
    id: optionalWholeNumber('id', id, 0),
    version: optionalWholeNumber('version', version, 1),
  };
}

/** The object a JSON body must be; an empty body is answered as Confluent's bean validation does (422). */
export function requireObject(body: unknown): Record<string, unknown> {
  if (body === undefined) throw new RegistryError('UNPROCESSABLE', 'request body is required: a JSON object');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RegistryError('UNPROCESSABLE', `request body must be a JSON object, got ${describe(body)}`);
  }
  return body as Record<string, unknown>;
}

function readReferences(value: unknown): SchemaReference[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new RegistryError('UNPROCESSABLE', `"references" must be an array, got ${describe(value)}`);
  return value.map((ref: unknown, i) => {
    const r = (ref ?? {}) as Record<string, unknown>;
    if (typeof r.name !== 'string' || r.name === '' || typeof r.subject !== 'string' || r.subject === '') {
      throw new RegistryError('UNPROCESSABLE', `references[${i}] needs "name" and "subject" strings`);
    }
    const version = optionalWholeNumber(`references[${i}].version`, r.version, 1);
    if (version === undefined) throw new RegistryError('UNPROCESSABLE', `references[${i}] needs a "version" (1 or more)`);
    return { name: r.name, subject: r.subject, version };
  });
}

function optionalWholeNumber(field: string, value: unknown, min: number): number | undefined {
  // Confluent's clients send -1 / 0 for "not set".
  if (value === undefined || value === null || value === -1 || (min > 0 && value === 0)) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > 2 ** 31 - 1) {
    throw new RegistryError('UNPROCESSABLE', `"${field}" must be a whole number from ${min} to 2^31-1, got ${describe(value)}`);
  }
  return value;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const text = JSON.stringify(value);
  return `${typeof value} ${text && text.length > 40 ? `${text.slice(0, 40)}...` : text}`;
}
