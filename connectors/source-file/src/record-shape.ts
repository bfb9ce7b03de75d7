import { avroFieldNames, avroName, type AvroRecordSchema, type AvroSchema } from '@tributary/connectors';

type Kind = 'boolean' | 'long' | 'double' | 'string' | 'record' | 'array';

/** What the sampled values of one field had in common. */
interface Shape {
  kind?: Kind; // undefined while only nulls were seen
  fields?: Map<string, Shape>;
  items?: Shape;
}

/**
 * An Avro record schema inferred from sample rows (CSV headers, JSON objects): every field
 * nullable with default null (a file promises nothing about the next row), integers as long,
 * other numbers as double, nested objects as records, arrays by their merged items. Fields that
 * disagree widen: long and double to double, anything else to string (an object or array then
 * arrives as its JSON text). Fields keep the order they were first seen in.
 */
export class RecordShape {
  private readonly root = new Map<string, Shape>();

  /** A CSV header: text columns. */
  addColumns(names: readonly string[]): void {
    for (const name of names) this.root.set(name, merge(this.root.get(name), 'text sample'));
  }

  addRow(row: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(row)) this.root.set(key, merge(this.root.get(key), value));
  }

  toAvro(name: string, namespace: string, doc: string): AvroRecordSchema {
    const names = new Set<string>();
    return { ...recordSchema(this.root, avroName(name), names), namespace, doc };
  }
}

function merge(shape: Shape | undefined, value: unknown): Shape {
  const current = shape ?? {};
  if (value === null || value === undefined) return current;
  const kind = kindOf(value);
  const widened = widen(current.kind, kind);
  if (widened === 'record') {
    const fields = current.fields ?? new Map<string, Shape>();
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) fields.set(key, merge(fields.get(key), inner));
    return { kind: 'record', fields };
  }
  if (widened === 'array') {
    let items = current.items;
    for (const item of value as unknown[]) items = merge(items, item);
    return { kind: 'array', items: items ?? {} };
  }
  return { kind: widened };
}

function kindOf(value: unknown): Kind {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'long' : 'double';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'record';
  return 'string';
}

function widen(a: Kind | undefined, b: Kind): Kind {
  if (a === undefined || a === b) return b;
  if ((a === 'long' && b === 'double') || (a === 'double' && b === 'long')) return 'double';
  return 'string';
}

function recordSchema(fields: Map<string, Shape>, name: string, names: Set<string>): AvroRecordSchema {
  let unique = name;
  for (let n = 2; names.has(unique); n++) unique = `${name}_${n}`;
  names.add(unique);
  const keys = [...fields.keys()];
  const fieldNames = avroFieldNames(keys);
  return {
    type: 'record',
    name: unique,
    fields: keys.map((key, i) => ({
      name: fieldNames[i],
      type: ['null', avroType(fields.get(key)!, `${unique}_${fieldNames[i]}`, names)],
      default: null,
      ...(fieldNames[i] === key ? {} : { sourceName: key }),
    })),
  };
}

function avroType(shape: Shape, name: string, names: Set<string>): AvroSchema {
  switch (shape.kind) {
    case 'record': return recordSchema(shape.fields!, name, names);
    case 'array': return { type: 'array', items: ['null', avroType(shape.items!, `${name}_item`, names)] };
    case 'boolean': case 'long': case 'double': return shape.kind;
    default: return 'string'; // text, or only nulls seen
  }
}
