import { fieldSetOf, type FieldSet, type FieldType } from '../field-set';
import { formatKey } from '../path/field-path';
import type { AvroType } from './avro-type';
import { compileAvroSchema } from './compile-avro-schema';

/** Recursive schemas (a tree of categories) are described this many levels deep, then left open. */
const MAX_LEVELS = 8;

/** The fields of an Avro type as FieldSet entries. */
export function fieldSetOfAvroType(type: AvroType): FieldSet {
  const out: Record<string, FieldType> = {};
  const walk = (t: AvroType, prefix: string, level: number, onPath: Set<AvroType>) => {
    const children = t.children?.();
    if (children === undefined) return;
    if (level >= MAX_LEVELS || onPath.has(t)) {
      if (prefix !== '') out[prefix] = 'unknown';
      return;
    }
    onPath.add(t);
    for (const c of children) {
      const path = c.key === '[]' ? `${prefix}[]` : prefix + formatKey(c.key, prefix === '');
      out[path] = c.type.fieldType;
      walk(c.type, path, level + 1, onPath);
    }
    onPath.delete(t);
  };
  walk(type, '', 0, new Set());
  return fieldSetOf(out);
}

/** The FieldSet of records of an Avro record schema (JSON); throws AvroSchemaError for a bad schema. */
export function fieldSetFromAvro(schema: unknown): FieldSet {
  return fieldSetOfAvroType(compileAvroSchema(schema));
}
