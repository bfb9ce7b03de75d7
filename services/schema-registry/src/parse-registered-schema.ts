import { parseAvroSchema } from '@tributary/avro';
import { Type, type types } from 'avsc';
import { compactAvroSchema, schemaIdentity, type SchemaReference } from './canonical-avro-schema';
import { registryErrors } from './registry-errors';

/** A schema a reference points at, as the registry stores it. */
export interface ReferencedSchema {
  readonly schema: string;
  readonly schemaType: string;
  readonly references: readonly SchemaReference[];
}

/** Finds the schema registered under a reference's subject and version (soft-deleted ones too, as Confluent does). */
export type ReferenceLookup = (reference: SchemaReference) => ReferencedSchema | undefined;

export interface ParsedRegisteredSchema {
  /** The schema as stored and served: see compactAvroSchema. */
  readonly text: string;
  /** What decides sameness; see schemaIdentity. */
  readonly identity: string;
  /** avsc's type, the judge of compatibility. */
  readonly type: Type;
}

/**
 * Parses a schema with its references resolved: each referenced schema (and what it references,
 * depth first, each once) is parsed into one table of named types, which the schema then uses
 * by name, as Confluent's AvroSchemaProvider does. Anything wrong is Confluent's 42201.
 */
export function parseRegisteredSchema(
  schema: string,
  references: readonly SchemaReference[],
  lookup: ReferenceLookup,
): ParsedRegisteredSchema {
  let text: string;
  try {
    text = compactAvroSchema(schema);
  } catch (error) {
    throw registryErrors.invalidSchema(`Invalid schema: not valid JSON: ${(error as Error).message}`);
  }
  const registry: Record<string, Type> = {};
  loadReferences(references, lookup, registry, new Set(), []);
  let type: Type;
  try {
    type = parseAvroSchema(text, { registry });
  } catch (error) {
    throw registryErrors.invalidSchema(`Invalid schema of type AVRO, details: ${(error as Error).message}`);
  }
  const anonymous = findAnonymousNamedType(type, new Set());
  if (anonymous) throw registryErrors.invalidSchema(`Invalid schema of type AVRO, details: No name in schema: a ${anonymous} needs a "name"`);
  return { text, identity: schemaIdentity('AVRO', text, references), type };
}

/** avsc accepts records, enums and fixed types without a name; the Avro spec (and Confluent's Java parser) does not. */
function findAnonymousNamedType(type: Type, seen: Set<Type>): string | undefined {
  if (seen.has(type)) return undefined;
  seen.add(type);
  if (Type.isType(type, 'record', 'error', 'enum', 'fixed') && !type.name) return type.typeName;
  const children: Type[] = Type.isType(type, 'record', 'error') ? (type as types.RecordType).fields.map((f) => f.type)
    : Type.isType(type, 'array') ? [(type as types.ArrayType).itemsType]
      : Type.isType(type, 'map') ? [(type as types.MapType).valuesType]
        : Type.isType(type, 'union') ? (type as types.UnwrappedUnionType).types
          : Type.isType(type, 'logical') ? [(type as types.LogicalType).underlyingType] : [];
  for (const child of children) {
    const found = findAnonymousNamedType(child, seen);
    if (found) return found;
  }
  return undefined;
}

function loadReferences(
  references: readonly SchemaReference[],
  lookup: ReferenceLookup,
  registry: Record<string, Type>,
  loaded: Set<string>,
  path: readonly string[],
): void {
  for (const reference of references) {
    const key = `${reference.subject}\u0000${reference.version}`;
    if (loaded.has(key)) continue;
    const where = `reference '${reference.name}' (subject '${reference.subject}' version ${reference.version})`;
    if (path.includes(key)) throw registryErrors.invalidSchema(`Invalid schema: ${where} refers back to itself`);
    const target = lookup(reference);
    if (!target) throw registryErrors.invalidSchema(`Invalid schema: ${where} does not exist`);
    if (target.schemaType !== 'AVRO') {
      throw registryErrors.invalidSchema(`Invalid schema: ${where} is a ${target.schemaType} schema, not AVRO`);
    }
    loadReferences(target.references, lookup, registry, loaded, [...path, key]);
    try {
      parseAvroSchema(target.schema, { registry });
    } catch (error) {
      throw registryErrors.invalidSchema(`Invalid schema: ${where} cannot be parsed: ${(error as Error).message}`);
    }
    loaded.add(key);
  }
}
