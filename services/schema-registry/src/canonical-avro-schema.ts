/**
 * The normalised form that decides whether two Avro schemas are "the same schema" (same id, no
 * new version): the JSON with every name made a full name, `namespace` keys dropped, a bare
 * `{"type": "int"}` written as `"int"`, and the keys of every object sorted.
 *
 * Unlike Avro's Parsing Canonical Form it keeps docs, defaults, aliases, order and custom
 * attributes: those change what a reader does or what a person reads, so a schema that changes
 * them is a new version, as in Confluent's registry. Pure JSON work, no avsc: the `_schemas`
 * reader runs it on every record, including schemas whose references it has not resolved.
 */
const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The normalised text of a schema given as JSON text; throws SyntaxError if it is not JSON. */
export function canonicalAvroSchema(schemaText: string): string {
  return JSON.stringify(normaliseType(JSON.parse(schemaText) as Json, ''));
}

/**
 * The text a schema is stored and served as: the client's JSON without whitespace, and a bare
 * `{"type": "string"}` written `"string"` as Avro's own printer writes it (so Confluent's
 * documented answers come out the same). Everything else stays as the client wrote it.
 */
export function compactAvroSchema(schemaText: string): string {
  return JSON.stringify(collapsePrimitives(JSON.parse(schemaText) as Json));
}

function collapsePrimitives(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(collapsePrimitives);
  if (schema === null || typeof schema !== 'object') return schema;
  const { type } = schema;
  if (typeof type === 'string' && PRIMITIVES.has(type) && Object.keys(schema).length === 1) return type;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'fields' && Array.isArray(value)) {
      out.fields = value.map((f) => (f && typeof f === 'object' && !Array.isArray(f) && 'type' in f ? { ...f, type: collapsePrimitives(f.type) } : f));
    } else {
      out[key] = key === 'items' || key === 'values' || (key === 'type' && typeof value !== 'string') ? collapsePrimitives(value) : value;
    }
  }
  return out;
}

function normaliseType(schema: Json, namespace: string): Json {
  if (typeof schema === 'string') return PRIMITIVES.has(schema) ? schema : fullName(schema, namespace);
  if (Array.isArray(schema)) return schema.map((branch) => normaliseType(branch, namespace));
  if (schema === null || typeof schema !== 'object') return schema;
  const type = schema.type;
  if (typeof type === 'string' && PRIMITIVES.has(type) && Object.keys(schema).length === 1) return type;
  if (typeof type !== 'string' || !NAMED.has(type)) return normaliseAnonymous(schema, namespace);

  const name = typeof schema.name === 'string' ? fullName(schema.name, ownNamespace(schema, namespace)) : schema.name;
  // Names inside a named type resolve against its own namespace (Avro spec, "Names").
  const inner = typeof name === 'string' && name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '';
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'namespace') continue;
    if (key === 'name') out.name = name;
    else if (key === 'aliases' && Array.isArray(value)) out.aliases = value.map((a) => (typeof a === 'string' ? fullName(a, inner) : a));
    else if (key === 'fields' && Array.isArray(value)) out.fields = value.map((field) => normaliseField(field, inner));
    else out[key] = sortKeys(value);
  }
  return sortKeys(out);
}

/** array, map, a primitive with attributes (a logical type), or something malformed kept as it is. */
function normaliseAnonymous(schema: { [key: string]: Json }, namespace: string): Json {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'items' || key === 'values' || (key === 'type' && typeof value !== 'string')
      ? normaliseType(value, namespace)
      : sortKeys(value);
  }
  return sortKeys(out);
}

function normaliseField(field: Json, namespace: string): Json {
  if (field === null || typeof field !== 'object' || Array.isArray(field)) return field;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(field)) out[key] = key === 'type' ? normaliseType(value, namespace) : sortKeys(value);
  return sortKeys(out);
}

function ownNamespace(schema: { [key: string]: Json }, enclosing: string): string {
  return typeof schema.namespace === 'string' ? schema.namespace : enclosing;
}

function fullName(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

/** Object keys in code-point order, at every depth; arrays keep their order (fields, symbols and branches are ordered). */
function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

export interface SchemaReference {
  /** The name the referring schema uses: for Avro, the full name of the referenced type. */
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

/**
 * What makes two registered schemas one: type, normalised text and references (a schema using
 * `Address` from version 1 is not the one using version 2). Schemas of other types, which only a
 * Confluent registry sharing the topic writes, compare by their text.
 */
export function schemaIdentity(schemaType: string, schemaText: string, references: readonly SchemaReference[]): string {
  const text = schemaType === 'AVRO' ? canonicalAvroSchema(schemaText) : schemaText;
  const refs = references.map((r) => [r.name, r.subject, r.version]);
  return `${schemaType}\u0000${text}\u0000${JSON.stringify(refs)}`;
}
