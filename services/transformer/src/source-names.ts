import type { FieldSet } from '@tributary/transforms';

/**
 * Raw records carry Avro field names ('Inv_Date'), but a pipeline's steps name fields as the
 * source does ('Inv Date'): connectors keep the source's name in a `sourceName` attribute of
 * each field they had to rename (connectors/contract, AvroFieldSchema.sourceName). These give
 * the steps the names they were written against, in the records and in the static field check.
 */
interface Level {
  /** [Avro name, source name] of this record's renamed fields. */
  readonly renames: readonly (readonly [string, string])[];
  /** Fields (by source name) holding records, or arrays of records (true), with renames of their own. */
  readonly nested: readonly (readonly [string, Level, boolean])[];
}

/** Renames in place every field of `record` (nested ones too) to its source name; undefined when none is renamed. */
export function sourceNameRestorer(schema: unknown): ((record: Record<string, unknown>) => void) | undefined {
  const level = levelOf(recordIn(schema), new Set());
  return level && ((record) => restore(record, level));
}

/** The field set with the fields renamed as sourceNameRestorer renames them in records. */
export function withSourceNames(fields: FieldSet, schema: unknown): FieldSet {
  let out = fields;
  const walk = (level: Level, at: string) => {
    for (const [avro, source] of level.renames) out = out.renamed(at + key(avro, at === ''), at + key(source, at === ''));
    for (const [field, inner, array] of level.nested) walk(inner, `${at}${key(field, at === '')}${array ? '[]' : ''}`);
  };
  const level = levelOf(recordIn(schema), new Set());
  if (level) walk(level, '');
  return out;
}

function restore(value: unknown, level: Level): void {
  if (Array.isArray(value)) {
    for (const item of value) restore(item, level);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const [avro, source] of level.renames) {
    if (record[avro] === undefined) continue;
    record[source] = record[avro];
    // The transforms' convention for an absent field (DataRecord): undefined, not delete.
    record[avro] = undefined;
  }
  for (const [field, inner] of level.nested) restore(record[field], inner);
}

type Json = Record<string, unknown>;

/** The record schema inside a type: itself, a union's record branch, or an array's items. */
function recordIn(type: unknown): Json | undefined {
  if (Array.isArray(type)) {
    for (const branch of type) {
      const found = recordIn(branch);
      if (found) return found;
    }
    return undefined;
  }
  if (type === null || typeof type !== 'object') return undefined;
  const t = type as Json;
  if (t.type === 'record') return t;
  if (t.type === 'array') return recordIn(t.items);
  return typeof t.type === 'object' ? recordIn(t.type) : undefined;
}

function levelOf(record: Json | undefined, seen: Set<Json>): Level | undefined {
  if (!record || seen.has(record) || !Array.isArray(record.fields)) return undefined;
  seen.add(record);
  const renames: [string, string][] = [];
  const nested: [string, Level, boolean][] = [];
  for (const field of record.fields as Json[]) {
    const name = field.name as string;
    const source = typeof field.sourceName === 'string' && field.sourceName !== name ? field.sourceName : undefined;
    if (source) renames.push([name, source]);
    const inner = levelOf(recordIn(field.type), seen);
    if (inner) nested.push([source ?? name, inner, isArray(field.type)]);
  }
  seen.delete(record);
  return renames.length > 0 || nested.length > 0 ? { renames, nested } : undefined;
}

function isArray(type: unknown): boolean {
  if (Array.isArray(type)) return type.some(isArray);
  return type !== null && typeof type === 'object' && ((type as Json).type === 'array' || isArray((type as Json).type));
}

/** A key as path text (field-path.ts's formatKey): plain names dotted, others quoted. */
function key(name: string, first: boolean): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return first ? name : `.${name}`;
  return name.includes('"') ? `['${name}']` : `["${name}"]`;
}
