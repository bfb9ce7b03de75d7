import { Misfit, avroName, describeValue, type AvroRecordSchema, type AvroSchema, type AvroUnionSchema, type InvalidReason } from '@tributary/connectors';

type Fit = (value: unknown, path: string, reasons: InvalidReason[]) => unknown;

/**
 * Makes a row (a JSON object, or a CSV row as an object of its header) fit the stream's Avro
 * record schema: source keys to field names (the `sourceName` attribute, else the key made a
 * valid name), missing nullable fields to null, numbers and booleans in a string field to their
 * text and objects to their JSON text; every misfit is a reason naming the field's path
 * ('shipTo.country', 'lines[2].qty'), all of them at once. Compiled once per read.
 */
export function recordConformer(schema: AvroRecordSchema): (row: Record<string, unknown>) => Record<string, unknown> | InvalidReason[] {
  const fit = compile(schema);
  return (row) => {
    const reasons: InvalidReason[] = [];
    const value = fit(row, '', reasons) as Record<string, unknown>;
    return reasons.length ? reasons : value;
  };
}

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
const misfit = (reasons: InvalidReason[], path: string, code: Misfit['code'], message: string): undefined => {
  reasons.push({ code, message: `${path}: ${message}`, field: path });
  return undefined;
};

function compile(schema: AvroSchema): Fit {
  if (Array.isArray(schema)) {
    const nullable = schema.includes('null');
    const branch = schema.find((s) => s !== 'null');
    const inner = branch === undefined ? () => null : compile(branch);
    return (value, path, reasons) => (value === null || value === undefined ? (nullable ? null : misfit(reasons, path, 'TYPE_MISMATCH', 'is missing')) : inner(value, path, reasons));
  }
  const single = schema as Exclude<AvroSchema, AvroUnionSchema>;
  const type = typeof single === 'string' ? single : single.type;
  if (typeof single === 'object' && 'logicalType' in single) return (value) => value; // declared by hand: the encoder judges
  switch (type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
    case 'boolean':
      return (value, path, reasons) => (typeof value === 'boolean' ? value : misfit(reasons, path, 'TYPE_MISMATCH', `expected true or false, got ${describeValue(value)}`));
    case 'int':
    case 'long':
      return (value, path, reasons) => {
        if (typeof value !== 'number' || !Number.isInteger(value)) return misfit(reasons, path, 'TYPE_MISMATCH', `expected an integer, got ${describeValue(value)}`);
        const limit = type === 'int' ? 2 ** 31 : Number.MAX_SAFE_INTEGER + 1;
        return value >= -limit && value < limit ? value : misfit(reasons, path, 'OUT_OF_RANGE', `${value} does not fit ${type === 'int' ? 'an int' : 'a long exactly'}`);
      };
    case 'float':
    case 'double':
      return (value, path, reasons) => (typeof value === 'number' ? value : misfit(reasons, path, 'TYPE_MISMATCH', `expected a number, got ${describeValue(value)}`));
    case 'array': {
      const items = compile((schema as { items: AvroSchema }).items);
      return (value, path, reasons) => (Array.isArray(value) ? value.map((item, i) => items(item, `${path}[${i}]`, reasons)) : misfit(reasons, path, 'TYPE_MISMATCH', `expected a list, got ${describeValue(value)}`));
    }
    case 'record':
      return compileRecord(schema as AvroRecordSchema);
    default:
      return (value) => value;
  }
}

function compileRecord(schema: AvroRecordSchema): Fit {
  const fields = schema.fields.map((field) => ({ name: field.name, source: field.sourceName ?? field.name, fit: compile(field.type) }));
  const bySource = new Map(fields.map((field) => [field.source, field]));
  const byName = new Map(fields.map((field) => [field.name, field]));
  return (value, path, reasons) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const got = Array.isArray(value) ? 'a list' : describeValue(value);
      if (path) return misfit(reasons, path, 'TYPE_MISMATCH', `expected an object, got ${got}`);
      reasons.push({ code: 'NOT_AN_OBJECT', message: `a row must be an object, got ${got}`, field: null });
      return undefined;
    }
    const row = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(row)) {
      const field = bySource.get(key) ?? byName.get(avroName(key));
      if (!field) {
        reasons.push({ code: 'UNKNOWN_FIELD', message: `${at(path, key)}: not a field of the stream's schema (${schema.name})`, field: at(path, key) });
      } else if (field.name in out) {
        reasons.push({ code: 'UNKNOWN_FIELD', message: `${at(path, key)}: another key of this row is already field ${field.name}`, field: at(path, key) });
      } else out[field.name] = field.fit(row[key], at(path, field.name), reasons);
    }
    for (const field of fields) if (!(field.name in out)) out[field.name] = field.fit(undefined, at(path, field.name), reasons);
    return out;
  };
}
